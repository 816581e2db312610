using System.Diagnostics;
using System.Reflection;
using Actors.Supervision;
using Akka.Actor;

namespace PingPong;

/// <summary>The first process: starts the partner, warms up, then times the ping-pong.</summary>
internal static class Pinger
{
    private const int WarmUpMessages = 2_000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(SampleConfig config, int messages, int window, CancellationToken cancellationToken)
    {
        var system = ActorSystem.Create("pingpong", config.Load());
        string result;
        try
        {
            await using var partner = config.UsesAnonymousPipe
                ? await ChildActorSystem.StartOverAnonymousPipeAsync(system, ThisProgram(), config.PartnerArguments, StartTimeout)
                : await ChildActorSystem.StartAsync(ThisProgram(), config.PartnerArguments, StartTimeout);
            try
            {
                result = await MeasureAsync(system, partner, messages, window, cancellationToken);
            }
            finally
            {
                // This side leaves first, so the partner sees a clean goodbye rather than a lost peer.
                await system.Terminate().WaitAsync(StartTimeout, CancellationToken.None);
            }
        }
        finally
        {
            await system.Terminate().WaitAsync(StartTimeout, CancellationToken.None);
        }

        // Last, after both processes are down, so that no shutdown message follows it.
        Console.WriteLine(result);
        return 0;
    }

    private static async Task<string> MeasureAsync(
        ActorSystem system, ChildActorSystem partner, int messages, int window, CancellationToken cancellationToken)
    {
        var self = ((ExtendedActorSystem)system).Provider.DefaultAddress;
        Console.WriteLine($"this process:  {self} (pid {Environment.ProcessId})");
        Console.WriteLine($"partner:       {partner.Address} (pid {partner.ProcessId})");

        var ponger = await system.ActorSelection(new RootActorPath(partner.Address) / "user" / PongActor.Name)
            .ResolveOne(StartTimeout, cancellationToken);

        await PlayAsync(system, ponger, WarmUpMessages, window, cancellationToken);
        Console.WriteLine($"warm-up:       {WarmUpMessages} round trips");

        var elapsed = Stopwatch.StartNew();
        await PlayAsync(system, ponger, messages, window, cancellationToken);
        var seconds = elapsed.Elapsed.TotalSeconds;

        Console.WriteLine($"measured:      {messages} pings, each answered by a pong, {window} in flight; msgs_per_sec counts pings");
        var protocol = partner.Address.Protocol;
        var scheme = protocol.StartsWith("akka.", StringComparison.Ordinal) ? protocol["akka.".Length..] : protocol;
        return $"transport={scheme} messages={messages} seconds={seconds:0.000} msgs_per_sec={messages / seconds:0}";
    }

    private static async Task PlayAsync(ActorSystem system, IActorRef ponger, int total, int window, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        system.ActorOf(Props.Create(() => new PingActor(ponger, total, window, done)));
        await done.Task.WaitAsync(RunTimeout, cancellationToken);
    }

    // The apphost when there is one, else this assembly run through dotnet.
    private static string ThisProgram()
    {
        var processPath = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(processPath) == "dotnet"
            ? Assembly.GetEntryAssembly()!.Location
            : processPath;
    }
}
