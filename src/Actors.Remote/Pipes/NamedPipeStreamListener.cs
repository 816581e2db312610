using System.IO.Pipes;
using Actors.Remote.Streams;
using Akka.Actor;
using Akka.Event;

namespace Actors.Remote.Pipes;

/// <summary>
/// A named pipe that hands out one connected <see cref="NamedPipeServerStream"/> per client.
/// </summary>
/// <remarks>
/// <para>One server instance always waits for the next client. When a client connects, a fresh
/// instance is created before the connected one is handed out, so the pipe never has zero instances
/// while the listener lives. That matters on Unix: .NET keeps one listening socket per pipe name
/// per process and removes it, and its file, when the last instance of the process is disposed.</para>
/// <para>The first instance is created with <see cref="PipeOptions.FirstPipeInstance"/>: then .NET
/// fails instead of taking over a name that exists (without it, .NET on Unix unlinks whatever file is
/// at the path and binds its own, stealing a live listener's name).</para>
/// </remarks>
internal sealed class NamedPipeStreamListener : IStreamListener
{
    private readonly string _pipeName;
    private readonly PipeOptions _options;
    private readonly ILoggingAdapter _log;

    // Guards _waiting, so that a fresh instance is never created after disposal.
    private readonly Lock _gate = new();

    // The instance waiting for the next client; null once disposed.
    private NamedPipeServerStream? _waiting;

    private NamedPipeStreamListener(NamedPipeServerStream first, string pipeName, PipeOptions options, Address localAddress, ILoggingAdapter log)
    {
        _waiting = first;
        _pipeName = pipeName;
        _options = options;
        _log = log;
        LocalAddress = localAddress;
    }

    public Address LocalAddress { get; }

    /// <summary>Creates the pipe's first instance; null when the name is already taken.</summary>
    /// <param name="pipeName">The pipe's name: on Unix the absolute path of its socket file.</param>
    /// <param name="options">The options of every instance (Asynchronous, and CurrentUserOnly when configured).</param>
    /// <param name="localAddress">The address this listener makes the system reachable at.</param>
    /// <param name="log">Where refused connections are logged.</param>
    /// <returns>The listener, or null when a pipe of that name exists (in this process or another).</returns>
    public static NamedPipeStreamListener? TryCreate(string pipeName, PipeOptions options, Address localAddress, ILoggingAdapter log)
    {
        try
        {
            var first = CreateInstance(pipeName, options | PipeOptions.FirstPipeInstance);
            return new NamedPipeStreamListener(first, pipeName, options, localAddress, log);
        }
        catch (UnauthorizedAccessException) when (OperatingSystem.IsWindows() || File.Exists(pipeName))
        {
            // The name exists: .NET reports a taken name this way on Windows and on Unix alike.
            return null;
        }
    }

    public async Task<AcceptedStream> AcceptAsync(CancellationToken cancellationToken)
    {
        NamedPipeServerStream waiting;
        lock (_gate)
        {
            waiting = _waiting ?? throw new ObjectDisposedException(nameof(NamedPipeStreamListener));
        }

        while (true)
        {
            try
            {
                await waiting.WaitForConnectionAsync(cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (UnauthorizedAccessException e) when (!cancellationToken.IsCancellationRequested)
            {
                // current-user-only: .NET closed a client of another user; the instance waits on.
                _log.Warning("[{0}] refused a connection to pipe {1}: {2}", LocalAddress, _pipeName, e.Message);
            }
        }

        lock (_gate)
        {
            if (_waiting != waiting)
            {
                // Disposed while the client connected; the instance is gone with the listener.
                throw new ObjectDisposedException(nameof(NamedPipeStreamListener));
            }

            _waiting = CreateInstance(_pipeName, _options);
        }

        return new AcceptedStream(waiting, RemoteHost: null, RemotePort: null);
    }

    /// <summary>
    /// Disposes the waiting instance. On Unix .NET removes the socket file when the last instance of
    /// the pipe in this process is gone: at once, or when the last open association closes.
    /// </summary>
    public ValueTask DisposeAsync()
    {
        NamedPipeServerStream? waiting;
        lock (_gate)
        {
            waiting = _waiting;
            _waiting = null;
        }

        waiting?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static NamedPipeServerStream CreateInstance(string pipeName, PipeOptions options) =>
        new(pipeName, PipeDirection.InOut, NamedPipeServerStream.MaxAllowedServerInstances, PipeTransmissionMode.Byte, options);
}
