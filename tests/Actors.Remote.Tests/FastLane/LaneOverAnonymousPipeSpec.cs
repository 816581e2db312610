using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>
/// The lane over the parent-child pipe pair: a channel of its own on the link, beside the association's channel. The
/// two systems of this process are linked as a parent and its child (<see cref="InProcessPipeLinks"/>).
/// </summary>
public sealed class LaneOverAnonymousPipeSpec : LaneSpec
{
    private readonly InProcessPipeLinks _links = new();

    public LaneOverAnonymousPipeSpec(ITestOutputHelper output)
        : base(output, WithSendGate(OnTheStream(ShippedConfig.Load("apipe.conf")))) => _links.Connect(Sys, Remote);

    /// <summary>
    /// Every channel of the link shares one pipe, and the link stops reading while one channel holds its limit unread. A
    /// lane reads nothing before its barrier, which comes by the association's channel. Here the barrier is held on the
    /// sending side (behind a message whose serialization waits) while the open lane has megabytes to send: written at
    /// once, they filled the lane's channel and stopped the link, barrier included, for good. The lane's writer now waits
    /// for the receiver's release byte, so everything arrives once the barrier does.
    /// </summary>
    [Fact]
    public async Task Lane_records_sent_before_the_barrier_arrives_do_not_stop_the_link_that_carries_the_barrier()
    {
        Remote.ActorOf(Props.Create(() => new CountingActor()), "counter");
        var counter = await ResolveAsync("counter");
        var lane = LaneFrom(Sys, RemoteAddress);
        var gate = SendGatedSerializer.Close();
        try
        {
            // The first Tell goes the classic way and starts opening the lane; its serialization holds the endpoint
            // writer, so the barrier the lane sends when it opens waits behind it.
            counter.Tell(new SendGated(gate), TestActor);
            await AwaitConditionAsync(() => Task.FromResult(lane.IsOpen), Timeout, TimeSpan.FromMilliseconds(20));

            // Far past the link's per-channel limit (1 MiB), all by the open lane.
            var text = new string('x', 6 * 1024);
            const int count = 2_000;
            for (var i = 0; i < count; i++)
            {
                counter.Tell(text, TestActor);
            }

            // Let the lane write what its link takes before the barrier may go: until its held messages stop moving.
            await HeldMessagesSettleAsync(lane);
            SendGatedSerializer.Open(gate);
            counter.Tell(CountingActor.Report, TestActor);
            Assert.Equal(count, await ExpectMsgAsync<int>(Timeout));
            Assert.True(lane.SentCount >= count, $"only {lane.SentCount} message(s) took the lane");
        }
        finally
        {
            SendGatedSerializer.Open(gate);
        }
    }

    private static async Task HeldMessagesSettleAsync(Remote.FastLane.OutboundLane lane)
    {
        var settle = TimeSpan.FromMilliseconds(300);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var held = lane.HeldMessages;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(settle);
            var now = lane.HeldMessages;
            if (now == held)
            {
                return;
            }

            held = now;
        }
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _links.Dispose();
    }

    private static Config WithSendGate(Config link) =>
        ConfigurationFactory.ParseString("""
            akka.actor.serializers.send-gated = "Actors.Remote.Tests.FastLane.SendGatedSerializer, Actors.Remote.Tests"
            akka.actor.serialization-bindings { "Actors.Remote.Tests.FastLane.SendGated, Actors.Remote.Tests" = send-gated }
            """).WithFallback(link);

    /// <summary>Counts the text messages it gets; answers the count when asked.</summary>
    private sealed class CountingActor : ReceiveActor
    {
        public const string Report = "report";

        public CountingActor()
        {
            var received = 0;
            Receive<SendGated>(_ => { });
            Receive<string>(m => m == Report, _ => Sender.Tell(received));
            Receive<string>(_ => received++);
        }
    }
}
