using System.IO.Pipes;
using Actors.Remote.Native;
using static Actors.Remote.Native.Interop.OpenFlags;

namespace Actors.Perf.Contenders.Raw;

/// <summary>POSIX FIFOs (mkfifo), two per link: one each way.</summary>
public sealed class FifoMechanism : IRawMechanism
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Name => "fifo";

    public string Description => "bare POSIX FIFO pair (mkfifo)";

    public string? SkipReason => OperatingSystem.IsLinux() ? null : "FIFOs are measured on Linux only";

    public IRawRendezvous Prepare(int links)
    {
        var scratch = new ScratchDirectory();
        try
        {
            for (var i = 0; i < links; i++)
            {
                foreach (var name in new[] { ToPartner(i), ToDriver(i) })
                {
                    var errno = Interop.TryMkFifo(scratch.File(name), OwnerOnly);
                    if (errno != 0)
                    {
                        throw new IOException($"mkfifo failed: path={scratch.File(name)}, errno={errno}");
                    }
                }
            }

            return new Rendezvous(links, scratch);
        }
        catch
        {
            scratch.Dispose();
            throw;
        }
    }

    public async Task<IReadOnlyList<IRawLink>> OpenPartnerEndsAsync(string argument, CancellationToken cancellationToken)
    {
        var (links, directory) = RawArgument.Split(argument);
        var opened = new List<IRawLink>();
        for (var i = 0; i < links; i++)
        {
            // The same order as the driver's: each open waits for the other side's open of the same FIFO.
            var read = await OpenAsync(Path.Combine(directory, ToPartner(i)), FileAccess.Read, cancellationToken);
            var write = await OpenAsync(Path.Combine(directory, ToDriver(i)), FileAccess.Write, cancellationToken);
            opened.Add(new StreamRawLink(read, write));
        }

        return opened;
    }

    private static string ToPartner(int link) => $"to-partner-{link}";

    private static string ToDriver(int link) => $"to-driver-{link}";

    // Opening a FIFO blocks until the other end is opened too, so it runs off the caller's thread. The
    // descriptor goes into a pipe stream, whose reads and writes wait in epoll as the FIFO transport's
    // do; a FileStream would block a thread-pool thread per pending read and starve the pool.
    private static Task<Stream> OpenAsync(string path, FileAccess access, CancellationToken cancellationToken) =>
        Task.Factory.StartNew<Stream>(
            () => access == FileAccess.Read
                ? new AnonymousPipeClientStream(PipeDirection.In, Interop.Open(path, ReadOnly | CloseOnExec))
                : new AnonymousPipeClientStream(PipeDirection.Out, Interop.Open(path, WriteOnly | CloseOnExec)),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    private sealed class Rendezvous(int links, ScratchDirectory scratch) : IRawRendezvous
    {
        public string PartnerArgument { get; } = RawArgument.Join(links, scratch.Path);

        public void AfterPartnerStarted()
        {
        }

        public async Task<IReadOnlyList<IRawLink>> OpenDriverEndsAsync(CancellationToken cancellationToken)
        {
            var opened = new List<IRawLink>();
            for (var i = 0; i < links; i++)
            {
                var write = await OpenAsync(scratch.File(ToPartner(i)), FileAccess.Write, cancellationToken);
                var read = await OpenAsync(scratch.File(ToDriver(i)), FileAccess.Read, cancellationToken);
                opened.Add(new StreamRawLink(read, write));
            }

            return opened;
        }

        public ValueTask DisposeAsync()
        {
            scratch.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
