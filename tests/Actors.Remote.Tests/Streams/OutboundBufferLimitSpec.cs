using Actors.Remote.Framing;
using Actors.Remote.Streams;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Google.Protobuf;

namespace Actors.Remote.Tests.Streams;

/// <summary>
/// An association whose peer reads nothing (its sending loop never runs, so nothing leaves the
/// buffer): by default a full buffer refuses, and Akka's endpoint writer above buffers without
/// bound; with <c>outbound-buffer-limit</c> every write is accepted and what does not fit is dropped,
/// counted and logged, so the association never holds more than the limit.
/// </summary>
public sealed class OutboundBufferLimitSpec
{
    private const int MaximumFrame = StreamTransportSettings.MinimumFrameSize;
    private const int Limit = 4 * (MaximumFrame + FrameCodec.HeaderLength);

    [Fact]
    public void Write_without_a_limit_refuses_once_the_buffer_is_full_and_drops_nothing()
    {
        var handle = Handle(limit: null, new CapturingLogger());

        var answers = Enumerable.Range(0, 10).Select(_ => handle.Write(Payload(MaximumFrame))).ToArray();

        Assert.Equal([true, true, true, true, false, false, false, false, false, false], answers);
        Assert.Equal(6, handle.RefusedWriteCount);
        Assert.Equal(0, handle.DroppedWriteCount);
    }

    [Fact]
    public void Write_with_a_limit_accepts_every_frame_drops_what_does_not_fit_and_warns_at_the_first_drop()
    {
        var log = new CapturingLogger();
        var handle = Handle(Limit, log);

        var answers = Enumerable.Range(0, 10).Select(_ => handle.Write(Payload(MaximumFrame))).ToArray();

        Assert.All(answers, Assert.True);
        Assert.Equal(6, handle.DroppedWriteCount);
        var warning = Assert.Single(log.Warnings);
        Assert.Contains($"outbound-buffer-limit={Limit}b", warning);
        Assert.Contains("dropped=1 messages", warning);
    }

    [Fact]
    public void Write_with_a_limit_warns_again_once_per_ten_thousand_drops_with_the_count()
    {
        var log = new CapturingLogger();
        var handle = Handle(StreamTransportSettings.MinimumFrameSize + FrameCodec.HeaderLength, log);
        handle.Write(Payload(MaximumFrame));

        for (var i = 0; i < 2 * OutboundOverflow.WarnEvery; i++)
        {
            handle.Write(Payload(1));
        }

        Assert.Equal(2 * OutboundOverflow.WarnEvery, handle.DroppedWriteCount);
        Assert.Equal(2, log.Warnings.Count);
        Assert.Contains($"dropped={OutboundOverflow.WarnEvery + 1} messages", log.Warnings[1]);
    }

    [Fact]
    public void Write_with_a_limit_on_a_closing_association_still_refuses_rather_than_counting_a_drop()
    {
        var handle = Handle(Limit, new CapturingLogger());
#pragma warning disable CS0618 // the overload Akka calls
        handle.Disassociate();
#pragma warning restore CS0618

        Assert.False(handle.Write(Payload(1)));
        Assert.Equal(0, handle.DroppedWriteCount);
    }

    /// <summary>
    /// Whatever the sizes written and the limit, every write is accepted, exactly the frames that would
    /// have taken the queue past the limit are dropped, and the rest are queued.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property With_a_limit_writes_of_any_size_are_all_accepted_and_the_drops_are_exactly_the_overflow() =>
        Prop.ForAll(
            Gen.Choose(1, MaximumFrame).ArrayOf().ToArbitrary(),
            Gen.Choose(MaximumFrame + FrameCodec.HeaderLength, 8 * MaximumFrame).ToArbitrary(),
            (sizes, limit) =>
            {
                var handle = Handle(limit, new CapturingLogger());
                long queued = 0;
                long expectedDrops = 0;
                var allAccepted = true;
                foreach (var size in sizes)
                {
                    var fits = queued + size + FrameCodec.HeaderLength <= limit;
                    queued += fits ? size + FrameCodec.HeaderLength : 0;
                    expectedDrops += fits ? 0 : 1;
                    allAccepted &= handle.Write(Payload(size));
                }

                return allAccepted && handle.DroppedWriteCount == expectedDrops && queued <= limit;
            });

    private static StreamAssociationHandle Handle(int? limit, CapturingLogger log)
    {
        var settings = new StreamTransportSettings(
            "", 0, "", MaximumFrame, Limit, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2))
        {
            OutboundBufferLimit = limit,
        };

        // Never started: the sending loop does not run, as if the peer read nothing.
        return new StreamAssociationHandle(
            new Address("akka.uds", "local", "host", 1), new Address("akka.uds", "peer", "host", 2), Stream.Null, 0, settings, log);
    }

    private static ByteString Payload(int length) => ByteString.CopyFrom(new byte[length]);
}
