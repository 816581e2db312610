using System.Globalization;
using System.IO.Pipes;
using Actors.Remote.Handshake;
using Actors.Remote.Native;
using Actors.Remote.Platform;
using Actors.Remote.Streams;
using Akka.Actor;
using Akka.Event;
using Microsoft.Win32.SafeHandles;
using static Actors.Remote.Native.Interop.OpenFlags;

namespace Actors.Remote.Pipes;

/// <summary>
/// A FIFO listener: reads <see cref="FifoAnnouncement"/>s from its request FIFO and opens each
/// announced client's FIFO pair. Nothing here blocks: every open is non-blocking.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>The request FIFO is opened read-write. On Linux that never blocks, and because this process
/// also holds a writer, the reader never sees end-of-stream while clients come and go.</item>
/// <item>Per announcement, <c>.s2c</c> is opened for writing first (the client already reads it), then
/// <c>.c2s</c> for reading: when the client's open of <c>.c2s</c> succeeds, its read end has a writer.</item>
/// <item>A FIFO read end with no writer reads as end-of-stream. Until the client has opened <c>.c2s</c>
/// for writing, a placeholder writer held here keeps the first read waiting; it is closed as soon as the
/// client's first bytes arrive, so that from then on end-of-stream means the client is gone. The
/// placeholder is opened through <c>/proc/self/fd</c> of the read end: the client unlinks the files as
/// soon as it has opened <c>.c2s</c>, which it may do the moment the read end exists.</item>
/// <item>A refused announcement is logged at Warning level and the listener reads on. One that cannot be
/// opened because descriptors ran out is thrown to the accept loop, which logs it once and backs off.</item>
/// </list>
/// </remarks>
internal sealed class FifoStreamListener : IStreamListener
{
    private const int ReadBufferLength = 64 * 1024;

    private readonly string _directory;
    private readonly int _id;
    private readonly string _requestPath;
    private readonly AnonymousPipeClientStream _requests;
    private readonly ILoggingAdapter _log;
    private readonly SecuritySettings _security;

    // Bytes read from the request FIFO and not yet decoded: _buffer[_start.._end].
    private readonly byte[] _buffer = new byte[ReadBufferLength];
    private int _start;
    private int _end;

    private int _disposed;

    private FifoStreamListener(string directory, int id, AnonymousPipeClientStream requests, Address localAddress, SecuritySettings security, ILoggingAdapter log)
    {
        _security = security;
        _directory = directory;
        _id = id;
        _requestPath = FifoNames.RequestPath(directory, id);
        _requests = requests;
        _log = log;
        LocalAddress = localAddress;
    }

    public Address LocalAddress { get; }

    /// <summary>
    /// Creates and opens the request FIFO of listener <paramref name="id"/>; null when the id is taken
    /// (run <see cref="ReclaimStale"/> first, so that only a live listener can hold it).
    /// </summary>
    public static FifoStreamListener? TryBind(string directory, int id, Address localAddress, SecuritySettings security, ILoggingAdapter log)
    {
        var path = FifoNames.RequestPath(directory, id);
        var errno = Interop.TryMkFifo(path, RuntimeDirectory.FileMode);
        if (errno == Interop.Errno.EEXIST)
        {
            return null;
        }

        if (errno != 0)
        {
            throw Interop.ErrnoException("mkfifo", path, errno);
        }

        try
        {
            // Open at once: until then a probe would take the new FIFO for a stale one.
            var requests = new AnonymousPipeClientStream(PipeDirection.In, Interop.Open(path, ReadWrite | NonBlocking | CloseOnExec));
            RuntimeDirectory.SetFileMode(path, security.SocketFileMode);
            return new FifoStreamListener(directory, id, requests, localAddress, security, log);
        }
        catch
        {
            SocketFiles.DeleteQuietly(path, log);
            throw;
        }
    }

    /// <summary>True while some process holds the request FIFO at <paramref name="requestPath"/> open for reading.</summary>
    public static bool IsLive(string requestPath)
    {
        var errno = Interop.TryOpen(requestPath, WriteOnly | NonBlocking | CloseOnExec, out var probe);
        probe?.Dispose();
        return errno is not (Interop.Errno.ENXIO or Interop.Errno.ENOENT);
    }

    /// <summary>
    /// Removes what crashed processes left in <paramref name="directory"/>: request FIFOs nobody reads,
    /// and connection FIFOs whose creator (the pid in the name) is gone.
    /// </summary>
    public static void ReclaimStale(string directory, ILoggingAdapter log)
    {
        foreach (var path in Directory.EnumerateFiles(directory, FifoNames.FilePattern))
        {
            var name = Path.GetFileName(path);
            if (FifoNames.TryParseRequestFileName(name, out _))
            {
                if (!IsLive(path))
                {
                    log.Info("reclaiming stale request FIFO {0} (no listener reads it)", path);
                    SocketFiles.DeleteQuietly(path, log);
                }
            }
            else if (FifoNames.TryParseConnectionFileName(name, out var processId) && !ProcessExists(processId))
            {
                log.Info("reclaiming connection FIFO {0} (process {1} that created it is gone)", path, processId);
                SocketFiles.DeleteQuietly(path, log);
            }
        }
    }

    public async Task<AcceptedStream> AcceptAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var announcement = await ReadAnnouncementAsync(cancellationToken).ConfigureAwait(false);
            var stream = TryOpenConnection(announcement.Token);
            if (stream is not null)
            {
                return new AcceptedStream(stream, RemoteHost: null, RemotePort: null);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _requests.Dispose();
            SocketFiles.DeleteQuietly(_requestPath, _log);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The next valid announcement; invalid ones are logged and skipped.</summary>
    private async Task<FifoAnnouncement> ReadAnnouncementAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            while (_start < _end)
            {
                var pending = _buffer.AsSpan(_start, _end - _start);
                var valid = FifoAnnouncement.TryDecode(pending, out var announcement, out var consumed, out var error);
                _start += consumed;
                if (valid)
                {
                    return announcement;
                }

                if (error is null)
                {
                    break;
                }

                _log.Warning("[{0}] refused an announcement in {1}: {2}", LocalAddress, _requestPath, error);
            }

            // Keep the undecoded tail (shorter than one record) at the front.
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;

            var read = await _requests.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                // Cannot happen while we hold the FIFO read-write; fail loudly rather than spin.
                throw new IOException($"request FIFO {_requestPath} reported end-of-stream");
            }

            _end += read;
        }
    }

    /// <summary>Opens the FIFO pair of the client with <paramref name="token"/>; null (logged) when it cannot.</summary>
    private DuplexPipeStream? TryOpenConnection(string token)
    {
        var serverToClient = FifoNames.ServerToClientPath(_directory, _id, token);
        var clientToServer = FifoNames.ClientToServerPath(_directory, _id, token);
        SafePipeHandle? writeHandle = null;
        SafePipeHandle? readHandle = null;
        SafePipeHandle? placeholder = null;
        try
        {
            CheckAllowedFifo(serverToClient);
            CheckAllowedFifo(clientToServer);

            // This order is the protocol: see the remarks on this class and on FifoConnector. Once the
            // read end is open the client may unlink both files, so the placeholder is opened through
            // the read end's descriptor, never by path.
            writeHandle = Interop.Open(serverToClient, WriteOnly | NonBlocking | CloseOnExec);
            readHandle = Interop.Open(clientToServer, ReadOnly | NonBlocking | CloseOnExec);
            placeholder = Interop.Open(OpenDescriptorPath(readHandle), WriteOnly | NonBlocking | CloseOnExec);
            return new DuplexPipeStream(
                new AnonymousPipeClientStream(PipeDirection.In, readHandle),
                new AnonymousPipeClientStream(PipeDirection.Out, writeHandle),
                placeholder);
        }
        catch (IOException e)
        {
            // Disposing a handle twice is harmless, so whatever a stream already owns is disposed here too.
            writeHandle?.Dispose();
            readHandle?.Dispose();
            placeholder?.Dispose();
            if (ResourceExhaustion.IsExhaustion(e))
            {
                // Not this client's fault: the accept loop logs it once and waits for descriptors to come back.
                throw;
            }

            _log.Warning("[{0}] refused an announcement in {1}: token={2}: {3}", LocalAddress, _requestPath, token, e.Message);
            return null;
        }
    }

    /// <summary>
    /// Throws unless <paramref name="path"/> is a FIFO owned by an allowed user. A FIFO carries no peer
    /// credentials: its owner, the user whose process created it, is what says who is knocking.
    /// </summary>
    private void CheckAllowedFifo(string path)
    {
        var status = Interop.StatX(path);
        if (!status.IsFifo)
        {
            throw new IOException($"not a FIFO: path={path}, mode=0x{status.Mode:X4}");
        }

        if (!_security.AllowsUser(status.Uid))
        {
            throw new IOException(
                $"FIFO of a user who is not allowed: path={path}, uid={status.Uid}, allowed-uids: {string.Join(", ", _security.AllowedUserIds.Order())}");
        }
    }

    /// <summary>
    /// The <c>/proc</c> name of an open descriptor: opening it opens the same FIFO again, even after the
    /// FIFO's file was unlinked (Linux).
    /// </summary>
    private static string OpenDescriptorPath(SafePipeHandle handle) =>
        string.Create(CultureInfo.InvariantCulture, $"/proc/self/fd/{handle.DangerousGetHandle()}");

    private static bool ProcessExists(int processId) =>
        Directory.Exists(Path.Combine("/proc", processId.ToString(CultureInfo.InvariantCulture)));
}
