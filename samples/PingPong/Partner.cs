using Actors.Supervision;
using Akka.Actor;

namespace PingPong;

/// <summary>The second process: answers pings until the first process closes our standard input.</summary>
internal static class Partner
{
    public static async Task<int> RunAsync(SampleConfig config)
    {
        using var system = ActorSystem.Create("pingpong-partner", config.Load());
        system.ActorOf(Props.Create(() => new PongActor()), PongActor.Name);
        ParentLink.TerminateWhenParentCloses(system);
        ParentLink.ShutDownOnSignals(system);
        ParentLink.AnnounceReady(system);
        await system.WhenTerminated;
        return 0;
    }
}
