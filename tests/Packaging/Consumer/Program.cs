using Actors.Cluster;
using Actors.Hosting;
using Actors.Remote.Configuration;
using Actors.Supervision;
using Akka.Actor;
using Akka.Configuration;
using Consumer;

// Started without arguments: starts a second copy of itself (--child) as a supervised child over uds,
// pings it and prints one line. Exit 0 when the answer came back, 1 with the reason otherwise.
var bound = TimeSpan.FromSeconds(30);
var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(ActorsHocon.Uds);

if (args is ["--child"])
{
    var child = ActorSystem.Create("consumer-child", config);
    child.ActorOf(Props.Create<PongActor>(), PongActor.Name);
    ParentLink.TerminateWhenParentCloses(child);
    ParentLink.AnnounceReady(child);
    await child.WhenTerminated;
    return 0;
}

try
{
    // The other packages load too: the cluster config from code, the hosting extensions.
    ConfigurationFactory.ParseString(ActorsClusterHocon.Cluster).GetString("akka.actor.provider");
    _ = typeof(ActorsHostingExtensions).Assembly.GetName();

    var system = ActorSystem.Create("consumer", config);
    try
    {
        await using var child = await ChildActorSystem.StartAsync(typeof(PongActor).Assembly.Location, ["--child"], bound);
        var pong = await system.ActorSelection(new RootActorPath(child.Address) / "user" / PongActor.Name)
            .Ask<Pong>(new Ping("hello", Environment.ProcessId), bound);
        Console.WriteLine($"consumer: process {Environment.ProcessId} got \"{pong.Text}\" back from process {pong.ByProcessId} over {child.Address.Protocol}");
        return pong.ByProcessId == child.ProcessId ? 0 : 1;
    }
    finally
    {
        await system.Terminate().WaitAsync(bound);
    }
}
catch (Exception e)
{
    Console.Error.WriteLine($"consumer failed: {e}");
    return 1;
}
