using Actors.Supervision;
using Actors.TestPeer;
using Akka.Actor;
using Akka.Configuration;

// The small program multi-process tests start: an ActorSystem from a HOCON file with an echo actor.
// Usage: Actors.TestPeer --config <file.conf> [--name <system name>]
// It prints "READY <address>" once it listens and exits 0 when its standard input closes.

var configPath = ArgumentAfter("--config") ?? throw new ArgumentException("usage: Actors.TestPeer --config <file.conf> [--name <system>]");
var name = ArgumentAfter("--name") ?? "peer";

var config = ConfigurationFactory.ParseString(File.ReadAllText(configPath));
using var system = ActorSystem.Create(name, config);
system.ActorOf(Props.Create(() => new EchoActor()), EchoActor.Name);
ParentLink.TerminateWhenParentCloses(system);
ParentLink.AnnounceReady(system);
await system.WhenTerminated;
return 0;

string? ArgumentAfter(string flag)
{
    var index = Array.IndexOf(args, flag);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
