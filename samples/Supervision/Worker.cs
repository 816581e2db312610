using Actors.Supervision;
using Akka.Actor;

namespace Supervision;

/// <summary>A worker process: started by the supervisor, it consumes jobs until it is stopped or killed.</summary>
internal static class Worker
{
    public static async Task<int> RunAsync(FileInfo config, string name)
    {
        using var system = ActorSystem.Create(name, SampleConfig.Load(config));
        system.ActorOf(Props.Create(() => new WorkerActor()), WorkerActor.Name);
        ParentLink.TerminateWhenParentCloses(system);
        ParentLink.ShutDownOnSignals(system);
        ParentLink.AnnounceReady(system);
        await system.WhenTerminated;
        return 0;
    }
}
