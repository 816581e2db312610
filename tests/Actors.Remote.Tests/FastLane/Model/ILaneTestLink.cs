using Actors.Remote.FastLane;
using Actors.Remote.SharedMemory;

namespace Actors.Remote.Tests.FastLane.Model;

/// <summary>One carrier of the lane's records under test: where the writer writes and how the reader gets what was written.</summary>
internal interface ILaneTestLink : IDisposable
{
    /// <summary>Where the writer's records go.</summary>
    ILaneRecordSink Sink { get; }

    /// <summary>Hands at most <paramref name="limit"/> records written so far to <paramref name="handler"/>, making room for more.</summary>
    void Read(RingConsumer.RecordHandler handler, int limit);
}
