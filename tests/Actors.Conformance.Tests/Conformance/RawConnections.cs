using System.IO.Pipes;
using System.Net.Sockets;
using Actors.Remote.Pipes;
using Actors.Remote.Platform;
using Actors.Remote.SharedMemory;
using Actors.Remote.Sockets;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;

namespace Actors.Remote.Tests.Conformance;

/// <summary>
/// Raw byte streams to a system's listener, bypassing Akka, one way per transport; the conformance leaves with the
/// lane off and on share them. Also the files each listener keeps.
/// </summary>
internal static class RawConnections
{
    private static readonly SharedMemorySettings RawClientSettings =
        SharedMemorySettings.FromConfig(new Actors.Remote.Configuration.SettingsReader(
            Actors.Remote.Configuration.ReferenceConfig.WithDefaults(Config.Empty, SharedMemoryTransport.ConfigPath),
            SharedMemoryTransport.ConfigPath));

    /// <summary>The socket file of the uds listener at <paramref name="address"/>.</summary>
    public static string UnixSocketPath(Address address) => UnixSocketTransport.SocketPath(RuntimeDirectory.Resolve(""), address.Port!.Value);

    /// <summary>The control socket file of the shm listener at <paramref name="address"/>.</summary>
    public static string SharedMemoryControlPath(Address address) => SharedMemoryTransport.ControlSocketPath(RuntimeDirectory.Resolve(""), address.Port!.Value);

    /// <summary>The pipe file of the named-pipe listener at <paramref name="address"/>.</summary>
    public static string NamedPipePath(Address address) => NamedPipeTransport.PipeName(RuntimeDirectory.Resolve(""), address.Port!.Value);

    /// <summary>The request FIFO of the FIFO listener at <paramref name="address"/>.</summary>
    public static string FifoRequestPath(Address address) => FifoNames.RequestPath(RuntimeDirectory.Resolve(""), address.Port!.Value);

    /// <summary>A Unix-domain socket connection to <paramref name="path"/>.</summary>
    public static async Task<Stream> UnixSocketAsync(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A connection to the shm listener's control socket; <see cref="OverSharedMemoryAsync"/> after the hello.</summary>
    public static Task<Stream> SharedMemoryControlAsync(Address address) => UnixSocketAsync(SharedMemoryControlPath(address));

    /// <summary>After a valid hello on a shm control connection: the segment rendezvous, and the stream over its rings.</summary>
    public static async Task<Stream> OverSharedMemoryAsync(Stream raw)
    {
        var control = (NetworkStream)raw;
        var segment = await SegmentRendezvous.OfferAsync(control, RawClientSettings, CancellationToken.None);
        return new SharedMemoryStream(segment, control.Socket, RawClientSettings, "[raw test client]");
    }

    /// <summary>A client of the named-pipe listener at <paramref name="address"/>.</summary>
    public static async Task<Stream> NamedPipeAsync(Address address, TimeSpan timeout)
    {
        var client = new NamedPipeClientStream(".", NamedPipePath(address), PipeDirection.InOut, PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);
        try
        {
            await client.ConnectAsync((int)timeout.TotalMilliseconds);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The client side of the FIFO connect protocol, up to the connected FIFO pair; no hello. A listener
    /// that refuses a connection closes the FIFOs before the client opens its end, so the connect runs
    /// until its deadline: a short one keeps that case fast.
    /// </summary>
    public static async Task<Stream> FifoAsync(Address address)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        return await FifoConnector.ConnectAsync(RuntimeDirectory.Resolve(""), address.Port!.Value, NoLogger.Instance, deadline.Token);
    }

    /// <summary>A TCP connection to the atcp listener at <paramref name="address"/>; no TLS.</summary>
    public static async Task<Stream> TcpAsync(Address address)
    {
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(address.Host!, address.Port!.Value);
            return client.GetStream();
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
