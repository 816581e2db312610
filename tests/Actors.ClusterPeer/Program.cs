using Actors.ClusterPeer;
using Actors.Supervision;
using Actors.TestSupport;
using Akka.Actor;
using Akka.Configuration;

// The cluster member cluster tests start: an ActorSystem from a HOCON file that joins the seed nodes,
// prints what it sees of the membership and every broadcast note it receives, echoes at /user/echo,
// and publishes notes when asked (on the commands topic, or by a "publish" line on standard input).
// Usage: Actors.ClusterPeer --config <file.conf> [--seed <address>]... [--set <hocon line>]...
// It prints "READY <address>" once subscribed and exits 0 when its standard input closes or it is downed.

var configPath = ArgumentsAfter("--config").SingleOrDefault()
    ?? throw new ArgumentException("usage: Actors.ClusterPeer --config <file.conf> [--seed <address>]... [--set <hocon line>]...");
var config = ConfigurationFactory.ParseString(string.Join('\n', ArgumentsAfter("--set")))
    .WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(configPath)));

using var system = ActorSystem.Create("cluster", config);
system.ActorOf(Props.Create(() => new MembershipPrinter()), "membership");
var seeds = ArgumentsAfter("--seed").Select(Address.Parse).ToList();
if (seeds.Count > 0)
{
    Akka.Cluster.Cluster.Get(system).JoinSeedNodes(seeds);
}

system.ActorOf(Props.Create(() => new MemberEchoActor()), EchoActor.Name);
var printer = system.ActorOf(Props.Create(() => new NotePrinter()), "notes");
var publisher = system.ActorOf(Props.Create(() => new NotePublisher()), "publisher");
await Subscriptions.SubscribeAllAsync(system, printer, publisher);

using var laneTraffic = new LaneTraffic();
StandardInputCommands.Start(system, publisher, laneTraffic);
ParentLink.ShutDownOnSignals(system);
ParentLink.AnnounceReady(system);
await system.WhenTerminated;
return 0;

IEnumerable<string> ArgumentsAfter(string flag) =>
    args.Select((arg, i) => (arg, i)).Where(p => p.arg == flag && p.i + 1 < args.Length).Select(p => args[p.i + 1]);
