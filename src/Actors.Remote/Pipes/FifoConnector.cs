using System.IO.Pipes;
using Actors.Remote.Native;
using Actors.Remote.Platform;
using Actors.Remote.Streams;
using Akka.Event;
using Microsoft.Win32.SafeHandles;
using static Actors.Remote.Native.Interop.OpenFlags;

namespace Actors.Remote.Pipes;

/// <summary>
/// The client side of a FIFO connection. Nothing here blocks: every open is non-blocking and every
/// wait is a short delay bounded by the caller's token.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>mkfifo <c>.c2s</c> and <c>.s2c</c> (0600), then open <c>.s2c</c> for reading (non-blocking: this
/// succeeds with no writer yet).</item>
/// <item>Write one <see cref="FifoAnnouncement"/> into the listener's request FIFO. ENXIO there means no
/// process reads it: there is no listener, only a crashed one's file.</item>
/// <item>Retry opening <c>.c2s</c> for writing until it succeeds. The listener opens <c>.s2c</c> for writing
/// before it opens <c>.c2s</c> for reading, so once this open succeeds the read end already has its
/// writer and the first read cannot see a false end-of-stream.</item>
/// <item>Unlink both files, whether the connect succeeded or not: open descriptors keep working, and
/// nothing is left to clean up. The listener never opens them by path after its read end exists.</item>
/// </list>
/// </remarks>
internal static class FifoConnector
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromMilliseconds(10);

    // Makes each connection's token unique within this process.
    private static long s_sequence;

    /// <summary>Connects to listener <paramref name="id"/> in <paramref name="directory"/>.</summary>
    /// <param name="directory">The runtime directory the listener's FIFOs live in.</param>
    /// <param name="id">The listener id (the port of its address).</param>
    /// <param name="log">Where a failed clean-up is reported.</param>
    /// <param name="cancellationToken">Bounds the whole connect (the transport passes connection-timeout).</param>
    /// <param name="fileMode">The mode of the connection FIFOs (socket-file-mode); null = 0600.</param>
    /// <returns>The connected duplex stream, before any hello.</returns>
    /// <exception cref="IOException">There is no listener, or a FIFO call failed.</exception>
    /// <exception cref="OperationCanceledException">The listener did not take the connection in time.</exception>
    public static async Task<Stream> ConnectAsync(string directory, int id, ILoggingAdapter log, CancellationToken cancellationToken, UnixFileMode? fileMode = null)
    {
        var requestPath = FifoNames.RequestPath(directory, id);
        if (!File.Exists(requestPath))
        {
            throw NoListener(id, $"{requestPath} does not exist");
        }

        var token = CreateConnectionFifos(directory, id, fileMode ?? RuntimeDirectory.FileMode);
        var clientToServer = FifoNames.ClientToServerPath(directory, id, token);
        var serverToClient = FifoNames.ServerToClientPath(directory, id, token);
        Stream? readStream = null;
        try
        {
            readStream = new AnonymousPipeClientStream(PipeDirection.In, Interop.Open(serverToClient, ReadOnly | NonBlocking | CloseOnExec));
            await AnnounceAsync(requestPath, id, new FifoAnnouncement(token), cancellationToken).ConfigureAwait(false);
            var writeHandle = await OpenWhenListenerReadsAsync(clientToServer, requestPath, id, cancellationToken).ConfigureAwait(false);
            return new DuplexPipeStream(readStream, new AnonymousPipeClientStream(PipeDirection.Out, writeHandle));
        }
        catch
        {
            readStream?.Dispose();
            throw;
        }
        finally
        {
            SocketFiles.DeleteQuietly(clientToServer, log);
            SocketFiles.DeleteQuietly(serverToClient, log);
        }
    }

    /// <summary>Creates this connection's FIFO pair and returns its token.</summary>
    private static string CreateConnectionFifos(string directory, int id, UnixFileMode fileMode)
    {
        while (true)
        {
            var token = FifoNames.Token(Environment.ProcessId, Interlocked.Increment(ref s_sequence));
            var clientToServer = FifoNames.ClientToServerPath(directory, id, token);
            var serverToClient = FifoNames.ServerToClientPath(directory, id, token);

            // EEXIST: an earlier process with our pid crashed mid-connect and left this token; take the next.
            var errno = Interop.TryMkFifo(clientToServer, RuntimeDirectory.FileMode);
            if (errno == Interop.Errno.EEXIST)
            {
                continue;
            }

            ThrowOnError("mkfifo", clientToServer, errno);
            errno = Interop.TryMkFifo(serverToClient, RuntimeDirectory.FileMode);
            if (errno != 0)
            {
                File.Delete(clientToServer);
                if (errno == Interop.Errno.EEXIST)
                {
                    continue;
                }

                ThrowOnError("mkfifo", serverToClient, errno);
            }

            // mkfifo applies the umask; make sure of the mode whatever it is.
            RuntimeDirectory.SetFileMode(clientToServer, fileMode);
            RuntimeDirectory.SetFileMode(serverToClient, fileMode);
            return token;
        }
    }

    /// <summary>Writes the announcement into the request FIFO, in one write of at most PIPE_BUF bytes.</summary>
    private static async Task AnnounceAsync(string requestPath, int id, FifoAnnouncement announcement, CancellationToken cancellationToken)
    {
        var errno = Interop.TryOpen(requestPath, WriteOnly | NonBlocking | CloseOnExec, out var handle);
        if (handle is null)
        {
            throw errno switch
            {
                Interop.Errno.ENOENT => NoListener(id, $"{requestPath} does not exist"),
                Interop.Errno.ENXIO => NoListener(id, $"nobody reads {requestPath} (a crashed listener's leftover)"),
                _ => Interop.ErrnoException("open", requestPath, errno),
            };
        }

        var record = new byte[announcement.EncodedLength];
        announcement.Encode(record);
        await using var request = new AnonymousPipeClientStream(PipeDirection.Out, handle);

        // A full request FIFO makes this wait (the write stays whole); a vanished reader fails it with EPIPE.
        await request.WriteAsync(record, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens the client-to-server FIFO for writing once the listener has opened it for reading.</summary>
    private static async Task<SafePipeHandle> OpenWhenListenerReadsAsync(string clientToServer, string requestPath, int id, CancellationToken cancellationToken)
    {
        var delay = FirstRetryDelay;
        while (true)
        {
            var errno = Interop.TryOpen(clientToServer, WriteOnly | NonBlocking | CloseOnExec, out var handle);
            if (handle is not null)
            {
                return handle;
            }

            if (errno != Interop.Errno.ENXIO)
            {
                throw Interop.ErrnoException("open", clientToServer, errno);
            }

            if (!FifoStreamListener.IsLive(requestPath))
            {
                throw NoListener(id, $"it went away before it took the connection; nobody reads {requestPath}");
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetryDelay.Ticks));
        }
    }

    private static IOException NoListener(int id, string why) => new($"no fifo listener with id {id}: {why}");

    private static void ThrowOnError(string call, string path, int errno)
    {
        if (errno != 0)
        {
            throw Interop.ErrnoException(call, path, errno);
        }
    }
}
