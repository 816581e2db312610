using System.Diagnostics;
using Actors.Supervision;
using Akka.Actor;
using Akka.Configuration;

namespace Actors.TestPeer;

/// <summary>
/// The two ends of a slow-consumer flood, each its own process.
/// <c>flood-receiver --config f</c> runs <see cref="SlowConsumer"/> (its mailbox is whatever the config
/// deploys for /user/consumer), prints "READY address" and then, every 250 ms,
/// "STATS handled=n dead-letters=n"; it exits when standard input closes.
/// <c>flood-sender --config f --target address --rate r --seconds s --size b</c> tells the consumer
/// r messages of b bytes a second for s seconds (rate 0 = as fast as it can): it prints "READY address"
/// once it has found the consumer and starts at once, then prints "SENT n" and exits.
/// </summary>
public static class Flood
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(10);

    public static bool Handles(string[] args) => args is ["flood-receiver" or "flood-sender", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var config = ConfigurationFactory.ParseString(File.ReadAllText(Required(args, "--config")));
        return args[0] == "flood-receiver" ? await ReceiveAsync(config) : await SendAsync(config, args);
    }

    private static async Task<int> ReceiveAsync(Config config)
    {
        using var system = ActorSystem.Create("receiver", config);
        var counters = new FloodCounters();
        system.ActorOf(Props.Create(() => new DeadLetterCounter(counters)), "dead-letter-counter");
        system.ActorOf(Props.Create(() => new SlowConsumer(counters)), SlowConsumer.Name);
        ParentLink.TerminateWhenParentCloses(system);
        ParentLink.AnnounceReady(system);
        using var timer = new PeriodicTimer(ReportInterval);
        while (!system.WhenTerminated.IsCompleted && await timer.WaitForNextTickAsync())
        {
            Console.WriteLine($"STATS handled={counters.Handled} dead-letters={counters.DeadLetters}");
        }

        return 0;
    }

    private static async Task<int> SendAsync(Config config, string[] args)
    {
        var rate = int.Parse(Required(args, "--rate"), System.Globalization.CultureInfo.InvariantCulture);
        var duration = TimeSpan.FromSeconds(double.Parse(Required(args, "--seconds"), System.Globalization.CultureInfo.InvariantCulture));
        var size = int.Parse(Required(args, "--size"), System.Globalization.CultureInfo.InvariantCulture);
        using var system = ActorSystem.Create("sender", config);
        var consumer = await system.ActorSelection($"{Required(args, "--target")}/user/{SlowConsumer.Name}").ResolveOne(ResolveTimeout);

        ParentLink.AnnounceReady(system);
        long sent = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var due = rate == 0 ? sent + 10_000 : (long)(clock.Elapsed.TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                // A fresh message each time, as real traffic is: a backlog holds every one of them.
                consumer.Tell(new byte[size]);
            }

            // Paces the next batch; a flood needs no precision.
            await Task.Delay(rate == 0 ? 0 : 5);
        }

        Console.WriteLine($"SENT {sent}");
        await system.Terminate().WaitAsync(ResolveTimeout);
        return 0;
    }

    private static string Required(string[] args, string flag)
    {
        var index = Array.IndexOf(args, flag);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : throw new ArgumentException($"{args[0]} needs {flag}");
    }
}
