using System.Collections.Concurrent;
using Akka.Actor;

namespace Actors.Remote.Diagnostics.ExpectedDeaths;

/// <summary>
/// What this process knows about the end of each peer whose process the kernel vouches for (see
/// <c>StreamTransport.VouchForPeerAsync</c>): its pid while associated, then whether its death was
/// confirmed once an association with it ended. <see cref="ExpectedDeathLogFilter"/> reads it to tell a
/// planned kill from a real failure. Process-wide: a logger has no actor system to ask, and an address
/// names one system anyway.
/// </summary>
internal static class PeerFates
{
    // Keyed by the address as Akka prints it (akka.uds://sys@host:port). A few hundred bytes per peer
    // ever met; a new incarnation at the same address replaces the entry.
    private static readonly ConcurrentDictionary<string, PeerFate> s_fates = new(StringComparer.Ordinal);

    /// <summary>An association with <paramref name="address"/>, held by process <paramref name="processId"/>, is open.</summary>
    public static void Watching(Address address, int processId)
    {
        var key = address.ToString();
        s_fates.AddOrUpdate(
            key,
            _ => new PeerFate(key, processId),
            (_, known) => known.ProcessId == processId ? known : new PeerFate(key, processId));
    }

    /// <summary>An association with <paramref name="address"/> ended; <paramref name="confirmation"/> says whether its process is gone.</summary>
    public static void Ending(Address address, int processId, Task<bool> confirmation)
    {
        var key = address.ToString();
        var fate = s_fates.AddOrUpdate(
            key,
            _ => new PeerFate(key, processId),
            (_, known) => known.ProcessId == processId ? known : new PeerFate(key, processId));
        // A process confirmed gone stays gone: a later association's end (our own shutdown) does not undo it.
        if (fate.Confirmation is not { IsCompletedSuccessfully: true, Result: true })
        {
            fate.Confirmation = confirmation;
        }
    }

    /// <summary>The peer whose address <paramref name="text"/> names (as printed, or URL-encoded as in Akka's endpoint actor names); null if none.</summary>
    public static PeerFate? NamedIn(string text)
    {
        foreach (var fate in s_fates.Values)
        {
            if (text.Contains(fate.Address, StringComparison.Ordinal) || text.Contains(fate.EncodedAddress, StringComparison.OrdinalIgnoreCase))
            {
                return fate;
            }
        }

        return null;
    }
}
