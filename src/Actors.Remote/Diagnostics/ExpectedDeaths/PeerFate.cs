using System.Net;

namespace Actors.Remote.Diagnostics.ExpectedDeaths;

/// <summary>One peer's known end, as <see cref="PeerFates"/> keeps it.</summary>
internal sealed class PeerFate(string address, int processId)
{
    private Task<bool>? _confirmation;

    public string Address { get; } = address;

    // Akka names endpoint actors after the URL-encoded address (reliableEndpointWriter-akka.uds%3A%2F%2F...).
    public string EncodedAddress { get; } = WebUtility.UrlEncode(address);

    public int ProcessId { get; } = processId;

    /// <summary>Null while every association with the peer is open; then true once its process is confirmed gone.</summary>
    public Task<bool>? Confirmation
    {
        get => Volatile.Read(ref _confirmation);
        set => Volatile.Write(ref _confirmation, value);
    }
}
