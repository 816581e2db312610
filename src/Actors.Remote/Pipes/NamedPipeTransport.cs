using System.Globalization;
using System.IO.Pipes;
using Actors.Remote.Platform;
using Actors.Remote.Streams;
using Akka.Actor;
using Akka.Configuration;

namespace Actors.Remote.Pipes;

/// <summary>
/// Named pipes through System.IO.Pipes between processes on one machine. Address:
/// <c>akka.pipe://system@host:port</c>, where host is the machine's name and port a listener id;
/// port 0 picks a free id. Each association is a pipe instance of its own.
/// </summary>
/// <remarks>
/// <para>On Windows these are real named pipes, called <c>actors-pipe-&lt;port&gt;</c>. On Linux and
/// macOS .NET builds a named pipe on a Unix-domain socket; the pipe is named by the absolute path of
/// its socket file, <c>pipe-&lt;port&gt;</c> in the per-user runtime directory, which .NET uses as
/// is. The file is mode 0600 inside a 0700 directory and goes away on shutdown; a file left by a
/// crashed process (nobody accepts on it) is removed by the peers that saw the process die, and else
/// reclaimed at the next start; a live listener's name
/// is never taken over.</para>
/// <para>With <c>current-user-only = on</c> (the default) both ends pass
/// <see cref="System.IO.Pipes.PipeOptions.CurrentUserOnly"/>: the listener drops a client of another
/// user, and a client refuses a pipe that another user owns.</para>
/// </remarks>
internal sealed class NamedPipeTransport : StreamTransport
{
    /// <summary>The raw scheme; addresses read <c>akka.pipe://...</c>.</summary>
    public const string Scheme = "pipe";

    /// <summary>Where the defaults of this transport sit in reference.conf.</summary>
    public const string ConfigPath = "akka.remote.actors.pipe";

    /// <summary>Creates the transport; Akka.Remote calls this with the system and the transport's HOCON section.</summary>
    public NamedPipeTransport(ActorSystem system, Config config) : base(system, config, ConfigPath, Scheme)
    {
        PipeDirectory = RuntimeDirectory.Resolve(Reader.GetString("pipe-directory"), Log);
        CurrentUserOnly = Reader.GetBoolean("current-user-only");
        MachineHost = ThisMachine.HostName(StreamSettings.Hostname);
        PipeOptions = PipeOptions.Asynchronous | (CurrentUserOnly ? PipeOptions.CurrentUserOnly : PipeOptions.None);
    }

    /// <summary>The directory holding the pipes' socket files (unused on Windows).</summary>
    public string PipeDirectory { get; }

    /// <summary>True when both ends insist that the other one runs as this user.</summary>
    public bool CurrentUserOnly { get; }

    /// <summary>The host written into addresses: this machine.</summary>
    public string MachineHost { get; }

    /// <summary>The options every pipe end of this transport is opened with, server and client alike.</summary>
    internal PipeOptions PipeOptions { get; }

    /// <summary>
    /// The pipe name of listener <paramref name="id"/>: on Unix the absolute path of its socket file
    /// in <paramref name="directory"/>, on Windows a plain pipe name.
    /// </summary>
    public static string PipeName(string directory, int id)
    {
        var number = id.ToString(CultureInfo.InvariantCulture);
        return OperatingSystem.IsWindows() ? $"actors-pipe-{number}" : Path.Combine(directory, $"pipe-{number}");
    }

    /// <summary>The pipe name of listener <paramref name="id"/> of this transport.</summary>
    public string PipeName(int id) => PipeName(PipeDirectory, id);

    /// <inheritdoc />
    protected override bool ConfirmsPeerDeath => true;

    /// <inheritdoc />
    protected override IEnumerable<string> ListenerFilesOf(Address peerAddress) => [PipeName(peerAddress.Port!.Value)];

    /// <inheritdoc />
    protected override Task<IStreamListener> BindAsync(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            return Task.FromResult<IStreamListener>(ListenerId.Bind(StreamSettings.Port, Bind, "this machine's named pipes"));
        }

        RuntimeDirectory.EnsureCreated(PipeDirectory);
        SocketFiles.ReclaimStale(PipeDirectory, "pipe-*", Log);
        return Task.FromResult<IStreamListener>(ListenerId.Bind(StreamSettings.Port, Bind, PipeDirectory));
    }

    /// <inheritdoc />
    protected override async Task<Stream> ConnectAsync(Address remoteAddress, CancellationToken cancellationToken)
    {
        var id = ThisMachine.PortOf(remoteAddress, MachineHost, Scheme);

        var name = PipeName(id);
        var client = new NamedPipeClientStream(".", name, PipeDirection.InOut, PipeOptions);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                // Waits while every instance is busy, up to connection-timeout.
                await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
                return client;
            }

            await ConnectOnceAsync(client, id, name, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// One connect attempt. On Unix .NET retries a missing or refusing socket file until its timeout, yet a
    /// listening socket never refuses, so a refusal means the process behind the pipe is gone: fail at once,
    /// as uds does, instead of holding Akka's reconnect for connection-timeout.
    /// </summary>
    private static async Task ConnectOnceAsync(NamedPipeClientStream client, int id, string name, CancellationToken cancellationToken)
    {
        if (!File.Exists(name))
        {
            throw new IOException($"no pipe listener with id {id}: {name} does not exist");
        }

        try
        {
            await client.ConnectAsync(timeout: 0, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new IOException($"no pipe listener with id {id}: nobody accepts on {name} (its process is gone)", e);
        }
    }

    /// <summary>Binds listener <paramref name="id"/>, reclaiming a stale file; null when a live listener holds it.</summary>
    private NamedPipeStreamListener? Bind(int id)
    {
        var name = PipeName(id);
        var address = new Address(SchemeIdentifier, System.Name, MachineHost, id);
        var listener = NamedPipeStreamListener.TryCreate(name, PipeOptions, address, Log);
        if (listener is null && !OperatingSystem.IsWindows() && !SocketFiles.IsLive(name))
        {
            // A file that nobody accepts on: a crashed process left it after the sweep at start.
            SocketFiles.DeleteQuietly(name, Log);
            listener = NamedPipeStreamListener.TryCreate(name, PipeOptions, address, Log);
        }

        if (listener is not null && !OperatingSystem.IsWindows())
        {
            RuntimeDirectory.SetFileMode(name, Security.SocketFileMode);
        }

        return listener;
    }
}
