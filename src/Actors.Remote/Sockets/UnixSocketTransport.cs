using System.Net.Sockets;
using Actors.Remote.Platform;
using Actors.Remote.Streams;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;

namespace Actors.Remote.Sockets;

/// <summary>
/// Unix-domain sockets between processes on one machine. Address: <c>akka.uds://system@host:port</c>,
/// where host is the machine's name and port a listener id naming the socket file
/// <c>uds-&lt;port&gt;.sock</c> in the per-user runtime directory; port 0 picks a free id.
/// </summary>
/// <remarks>
/// The socket file is mode 0600 inside a 0700 directory and is removed on shutdown. A file left by a
/// crashed process (nobody accepts on it) is reclaimed when its id is bound again.
/// </remarks>
public sealed class UnixSocketTransport : StreamTransport
{
    /// <summary>The raw scheme; addresses read <c>akka.uds://...</c>.</summary>
    public const string Scheme = "uds";

    /// <summary>Where the defaults of this transport sit in reference.conf.</summary>
    public const string ConfigPath = "akka.remote.actors.uds";

    private const int ListenBacklog = 512;
    private const int FreeIdAttempts = 64;

    public UnixSocketTransport(ActorSystem system, Config config) : base(system, config, ConfigPath, Scheme)
    {
        SocketDirectory = RuntimeDirectory.Resolve(Reader.GetString("socket-directory"));
        MachineHost = string.IsNullOrEmpty(StreamSettings.Hostname) ? Environment.MachineName : StreamSettings.Hostname;
    }

    /// <summary>The directory holding the socket files.</summary>
    public string SocketDirectory { get; }

    /// <summary>The host written into addresses: this machine.</summary>
    public string MachineHost { get; }

    /// <summary>The socket file of listener <paramref name="id"/>.</summary>
    public string SocketPath(int id) => Path.Combine(SocketDirectory, $"uds-{id}.sock");

    /// <inheritdoc />
    protected override Task<IStreamListener> BindAsync(CancellationToken cancellationToken)
    {
        RuntimeDirectory.EnsureCreated(SocketDirectory);
        ReclaimStaleSocketFiles();
        var configured = StreamSettings.Port;
        if (configured != 0)
        {
            return Task.FromResult<IStreamListener>(Bind(configured) ?? throw new IOException($"uds listener id {configured} is in use: {SocketPath(configured)}"));
        }

        for (var attempt = 0; attempt < FreeIdAttempts; attempt++)
        {
            var listener = Bind(Random.Shared.Next(1, 65536));
            if (listener is not null)
            {
                return Task.FromResult<IStreamListener>(listener);
            }
        }

        throw new IOException($"no free uds listener id found in {SocketDirectory} after {FreeIdAttempts} attempts");
    }

    /// <inheritdoc />
    protected override async Task<Stream> ConnectAsync(Address remoteAddress, CancellationToken cancellationToken)
    {
        if (remoteAddress.Port is not { } id)
        {
            throw new IOException($"address {remoteAddress} has no port (the listener id)");
        }

        if (!string.Equals(remoteAddress.Host, MachineHost, StringComparison.OrdinalIgnoreCase))
        {
            throw new IOException($"uds reaches only this machine: address host={remoteAddress.Host}, this machine={MachineHost}");
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath(id)), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Binds listener <paramref name="id"/>, reclaiming a stale file; null when a live listener holds it.</summary>
    private SocketStreamListener? Bind(int id)
    {
        var path = SocketPath(id);
        if (File.Exists(path))
        {
            if (IsLive(path))
            {
                return null;
            }

            Log.Info("reclaiming stale socket file {0} (no listener accepts on it)", path);
            File.Delete(path);
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            RuntimeDirectory.RestrictToOwner(path);
            socket.Listen(ListenBacklog);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            // Another process bound the same id between our check and our bind.
            socket.Dispose();
            return null;
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var address = new Address(SchemeIdentifier, System.Name, MachineHost, id);
        return new SocketStreamListener(socket, address, () => DeleteQuietly(path));
    }

    /// <summary>Removes the socket files of listeners that died without cleaning up (nobody accepts on them).</summary>
    private void ReclaimStaleSocketFiles()
    {
        foreach (var path in Directory.EnumerateFiles(SocketDirectory, "uds-*.sock"))
        {
            if (!IsLive(path))
            {
                Log.Info("reclaiming stale socket file {0} (no listener accepts on it)", path);
                DeleteQuietly(path);
            }
        }
    }

    private static bool IsLive(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException e)
        {
            Log.Warning("could not remove socket file {0}: {1}", path, e.Message);
        }
    }
}
