using Actors.Remote.FastLane;
using Actors.Remote.Provider;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.TestKit;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>Back-pressure on the lane: a bounded queue, then dead letters with a warning, never unbounded memory.</summary>
public sealed class LaneOverflowSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly ActorSystem _remote;

    public LaneOverflowSpec(ITestOutputHelper output) : base(SystemConfig(), "local", output)
    {
        _remote = ActorSystem.Create("remote", SystemConfig());
        _remote.ActorOf(Props.Create(() => new EchoActor()), "echo");
    }

    [Fact]
    public async Task A_lane_whose_ring_and_pending_queue_are_full_sends_the_excess_to_dead_letters_with_a_warning()
    {
        // With the receiver's barrier actor gone the lane opens but is never read: the ring fills,
        // then the pending queue, and what is beyond both goes to dead letters instead of growing memory.
        var barrier = await _remote.ActorSelection("/system/actors-lane").ResolveOne(Timeout);
        await WatchAsync(barrier);
        barrier.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(barrier, Timeout);
        var remoteAddress = ((ExtendedActorSystem)_remote).Provider.DefaultAddress;
        var echo = await Sys.ActorSelection(new RootActorPath(remoteAddress) / "user" / "echo").ResolveOne(Timeout);
        var lane = ((ProcessAwareRemoteActorRefProvider)((ExtendedActorSystem)Sys).Provider).Remoting!.Hub!.LaneTo(remoteAddress);
        echo.Tell(new Identify(null));
        await AwaitConditionAsync(() => Task.FromResult(lane.IsOpen), Timeout);
        var warnings = CreateTestProbe();
        Sys.EventStream.Subscribe(warnings.Ref, typeof(Warning));
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));

        var blob = new Blob(new byte[1024]);
        var sent = 0;
        while (lane.OverflowCount == 0 && sent < 100_000)
        {
            echo.Tell(blob);
            sent++;
        }

        await warnings.FishForMessageAsync<Warning>(w => w.Message.ToString()!.Contains("pending-limit"), Timeout);
        await deadLetters.FishForMessageAsync<DeadLetter>(d => d.Message is Blob, Timeout);
        Output.WriteLine($"sent {sent} 1 KiB messages before the first went to dead letters");
        Assert.InRange(sent, 1000, 2000);
    }

    protected override void AfterAll()
    {
        _remote.Terminate().Wait(Timeout);
        base.AfterAll();
    }

    private static Config SystemConfig() =>
        ConfigurationFactory.ParseString("""
            akka.remote.actors.lane.ring-size = 64 KiB
            akka.remote.actors.lane.pending-limit = 1000
            """).WithFallback(ShippedConfig.Load("lane.conf"));
}
