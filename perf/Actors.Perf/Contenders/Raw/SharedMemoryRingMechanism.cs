using Actors.Remote.SharedMemory;

namespace Actors.Perf.Contenders.Raw;

/// <summary>
/// The shared-memory ring itself, one segment (two rings) per link, as the shm transport maps it:
/// what the memory allows with no kernel in the way.
/// </summary>
public sealed class SharedMemoryRingMechanism : IRawMechanism
{
    private const int RingSize = 1 << 20;

    public string Name => "shm";

    public string Description => "bare shared-memory ring pair (the shm transport's rings), readers spin then yield";

    public string? SkipReason => OperatingSystem.IsLinux() ? null : "segments are mapped from /dev/shm, which only Linux has";

    public IRawRendezvous Prepare(int links)
    {
        var segments = new List<SharedSegment>();
        try
        {
            for (var i = 0; i < links; i++)
            {
                segments.Add(SharedSegment.Create(SegmentFiles.ResolveDirectory(string.Empty), RingSize));
            }

            return new RingRendezvous(segments);
        }
        catch
        {
            RingRendezvous.Release(segments);
            throw;
        }
    }

    public Task<IReadOnlyList<IRawLink>> OpenPartnerEndsAsync(string argument, CancellationToken cancellationToken)
    {
        var (_, paths) = RawArgument.Split(argument);
        var links = new List<IRawLink>();
        foreach (var path in paths.Split(';'))
        {
            links.Add(new RingLink(SharedSegment.OpenOwn(path, RingSize)));
            // Both sides hold the mapping now: the name has served its purpose.
            File.Delete(path);
        }

        return Task.FromResult<IReadOnlyList<IRawLink>>(links);
    }

    private sealed class RingRendezvous(List<SharedSegment> segments) : IRawRendezvous
    {
        public string PartnerArgument { get; } = RawArgument.Join(segments.Count, string.Join(';', segments.Select(s => s.Path)));

        public void AfterPartnerStarted()
        {
        }

        // The partner says it is ready before it maps the segments (it unlinks each once mapped): the
        // rings work from this side at once, and what is written waits for the partner.
        public Task<IReadOnlyList<IRawLink>> OpenDriverEndsAsync(CancellationToken cancellationToken)
        {
            IReadOnlyList<IRawLink> links = segments.Select(s => (IRawLink)new RingLink(s)).ToList();
            return Task.FromResult(links);
        }

        public ValueTask DisposeAsync()
        {
            foreach (var segment in segments)
            {
                File.Delete(segment.Path);
            }

            return ValueTask.CompletedTask;
        }

        public static void Release(List<SharedSegment> segments)
        {
            foreach (var segment in segments)
            {
                segment.Dispose();
                File.Delete(segment.Path);
            }
        }
    }

    /// <summary>
    /// One link over a segment: frames are ring records, written in place and read into a buffer of
    /// our own. A reader with nothing to read spins briefly, then yields its thread to the pool, and
    /// naps 1 ms at a time once the link has been idle a while. An empty record ends the link.
    /// </summary>
    private sealed class RingLink(SharedSegment segment) : IRawLink
    {
        private const int SpinsBeforeYield = 100;
        private const int YieldsBeforeNap = 2_000;

        private readonly byte[] _buffer = new byte[RingLayout.MaximumPayload(RingSize)];
        private bool _ended;

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
        {
            for (var attempt = 0; !segment.Outbound.TryWrite(frame.Span); attempt++)
            {
                segment.Outbound.WakeConsumer();
                await PauseAsync(attempt, cancellationToken);
            }
        }

        public ValueTask FlushAsync(CancellationToken cancellationToken)
        {
            segment.Outbound.WakeConsumer();
            return ValueTask.CompletedTask;
        }

        public async ValueTask<ReadOnlyMemory<byte>> ReadAsync(CancellationToken cancellationToken)
        {
            for (var attempt = 0; !_ended; attempt++)
            {
                if (segment.Inbound.TryRead(_buffer, out var length))
                {
                    _ended = length == 0;
                    return _buffer.AsMemory(0, length);
                }

                await PauseAsync(attempt, cancellationToken);
            }

            return ReadOnlyMemory<byte>.Empty;
        }

        public ValueTask DisposeAsync()
        {
            segment.Outbound.TryWrite(ReadOnlySpan<byte>.Empty);
            segment.Outbound.WakeConsumer();
            segment.Dispose();
            return ValueTask.CompletedTask;
        }

        private static async ValueTask PauseAsync(int attempt, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (attempt < SpinsBeforeYield)
            {
                Thread.SpinWait(8);
            }
            else if (attempt < SpinsBeforeYield + YieldsBeforeNap)
            {
                await Task.Yield();
            }
            else
            {
                await Task.Delay(1, cancellationToken);
            }
        }
    }
}
