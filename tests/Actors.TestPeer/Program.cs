using Actors.Supervision;
using Actors.TestPeer;
using Actors.TestSupport;
using Akka.Actor;
using Akka.Configuration;

// The small program multi-process tests start: an ActorSystem from a HOCON file with an echo actor,
// an answering actor (Asks) and a burst counter (Tells).
// Usage: Actors.TestPeer --config <file.conf> [--name <system name>] [--spawn-child] [--no-stdin-watch] [--exit-at-start <code>] [--supervise-child] [--print-lines <count>] [--watch <address>]
// It prints "READY <address>" once it listens and exits 0 when its standard input closes.
//   --spawn-child     first start a child of its own over an anonymous pipe and print "CHILD <pid>"
//   --no-stdin-watch  ignore standard input: only the anonymous pipe to the parent ends it
//   --exit-at-start   exit at once with the given code, before any actor system starts
//   --supervise-child start a child of its own under a ProcessSupervisor (linked by stdin) and print "CHILD <pid>"
//   --print-lines     once ready, print "out <i>" on stdout and "err <i>" on stderr for i below count, then "PRINTED <count>"
//   --watch <address> watch the echo actor of the peer at that address, printing "WATCHING <address>" and "TERMINATED <address>"
// Or: Actors.TestPeer flood-receiver|flood-sender ... for slow-consumer floods (see Flood.cs).
// Actors.TestPeer --forge-hello <socket file | fifo:<id>:<directory> | tcp:<host>:<port>> <claimed address> [<pid>] [--hold]:
// send a hello that claims another system's address, in this process's name or the pid given, print "FORGED" and exit
// (with --hold: once standard input closes; see ForgedHello).
// Actors.TestPeer --forge-tcp-listener: listen on TCP and give the system that dials in a hello naming another
// process, which is then killed; print "LISTENING <port> <pid>", then "FORGED", and exit (see ForgedTcpListener).

if (Flood.Handles(args))
{
    return await Flood.RunAsync(args);
}

if (args is ["--forge-hello", var forgeTarget, var claimed, .. var forgeRest] && forgeRest.Length <= 2)
{
    var hold = forgeRest.Contains("--hold");
    var forgedPid = forgeRest.FirstOrDefault(a => a != "--hold") is { } pidText ? int.Parse(pidText, System.Globalization.CultureInfo.InvariantCulture) : Environment.ProcessId;
    return await ForgedHello.SendAsync(forgeTarget, claimed, forgedPid, hold);
}

if (args is ["--forge-tcp-listener"])
{
    return await ForgedTcpListener.RunAsync();
}

var configPath = ArgumentAfter("--config") ?? throw new ArgumentException("usage: Actors.TestPeer --config <file.conf> [--name <system>]");
var name = ArgumentAfter("--name") ?? "peer";
if (ArgumentAfter("--exit-at-start") is { } exitCode)
{
    // A peer that crashes at start-up every time, for supervision tests.
    return int.Parse(exitCode, System.Globalization.CultureInfo.InvariantCulture);
}

var config = ConfigurationFactory.ParseString(File.ReadAllText(configPath));
using var system = ActorSystem.Create(name, config);
system.ActorOf(Props.Create(() => new PeerEchoActor()), EchoActor.Name);
system.ActorOf(Props.Create(() => new AnsweringActor()), AnsweringActor.Name);
system.ActorOf(Props.Create(() => new BurstCounter()), BurstCounter.Name);
if (args.Contains("--spawn-child"))
{
    // Never disposed on purpose: the test kills this process and watches what becomes of the child.
    var child = await ChildActorSystem.StartOverAnonymousPipeAsync(
        system, typeof(PeerEchoActor).Assembly.Location, ["--config", configPath, "--name", "child", "--no-stdin-watch"], TimeSpan.FromSeconds(30));
    Console.WriteLine($"CHILD {child.ProcessId}");
}

if (args.Contains("--supervise-child"))
{
    // A supervised child linked by its standard input only: the test kills this process and watches it go.
    var started = new TaskCompletionSource<PeerStarted>(TaskCreationOptions.RunContinuationsAsynchronously);
    var listener = system.ActorOf(Props.Create(() => new StartedListener(started)));
    system.EventStream.Subscribe(listener, typeof(PeerStarted));
    system.ActorOf(ProcessSupervisor.Props([new PeerSpec("child", typeof(PeerEchoActor).Assembly.Location, ["--config", configPath, "--name", "child"])]));
    Console.WriteLine($"CHILD {(await started.Task.WaitAsync(TimeSpan.FromSeconds(30))).ProcessId}");
}

if (ArgumentAfter("--watch") is { } watched)
{
    // An observer of another peer's death, for the tests that read what its log says about it.
    system.ActorOf(Props.Create(() => new DeathReporter(Address.Parse(watched))));
}

if (!args.Contains("--no-stdin-watch"))
{
    ParentLink.TerminateWhenParentCloses(system);
}

ParentLink.ShutDownOnSignals(system);
ParentLink.AnnounceReady(system);
if (ArgumentAfter("--print-lines") is { } lineCount)
{
    // A chatty peer, for the tests of what a supervisor does with a child's output.
    PrintedLines.Print(int.Parse(lineCount, System.Globalization.CultureInfo.InvariantCulture));
}

await system.WhenTerminated;
return 0;

string? ArgumentAfter(string flag)
{
    var index = Array.IndexOf(args, flag);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

/// <summary>Completes a task with the first <see cref="PeerStarted"/> it hears of.</summary>
internal sealed class StartedListener : ReceiveActor
{
    public StartedListener(TaskCompletionSource<PeerStarted> started) => Receive<PeerStarted>(e => started.TrySetResult(e));
}
