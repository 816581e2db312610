using Actors.Remote.SharedMemory;

namespace Actors.Remote.Tests.SharedMemory;

/// <summary>
/// A real segment mapped twice in this process, once per side, as two processes would map it:
/// <see cref="Producer"/> writes the creator's ring and <see cref="Consumer"/> reads it.
/// </summary>
internal sealed class SegmentPair : IDisposable
{
    public SegmentPair(int ringSize = RingLayout.MinimumCapacity)
    {
        Creator = SharedSegment.Create(SegmentFiles.ResolveDirectory(""), ringSize);
        try
        {
            Acceptor = SharedSegment.OpenOwn(Creator.Path, ringSize);
        }
        catch
        {
            Creator.Dispose();
            File.Delete(Creator.Path);
            throw;
        }
    }

    public SharedSegment Creator { get; }

    public SharedSegment Acceptor { get; }

    public RingProducer Producer => Creator.Outbound;

    public RingConsumer Consumer => Acceptor.Inbound;

    public void Dispose()
    {
        Acceptor.Dispose();
        Creator.Dispose();
        File.Delete(Creator.Path);
    }
}
