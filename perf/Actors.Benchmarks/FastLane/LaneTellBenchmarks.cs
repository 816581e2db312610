using Akka.Actor;
using Akka.Configuration;
using BenchmarkDotNet.Attributes;
using Actors.Benchmarks.SharedMemory;

namespace Actors.Benchmarks.FastLane;

/// <summary>A small user message, as typical actor traffic is.</summary>
public sealed record Tick(int Seq);

/// <summary>
/// One-way Tells between two actor systems on shared memory, with the fast lane and without it
/// (classic Akka.Remote over the shm transport). Both systems live in this process so the memory
/// diagnoser sees both sides: the allocations shown are per message, sender and receiver together.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TwoProcessConfig))]
public class LaneTellBenchmarks
{
    private const int MessagesPerInvoke = 50_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private ActorSystem _sender = null!;
    private ActorSystem _receiver = null!;
    private IActorRef _target = null!;
    private IActorRef _counter = null!;
    private Tick[] _ticks = [];

    [Params("lane", "shm")]
    public string Path { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var config = ConfigurationFactory.ParseString(File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "HOCON", $"{Path}.conf")))
            .WithFallback(ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        _sender = ActorSystem.Create("sender", config);
        _receiver = ActorSystem.Create("receiver", config);
        _counter = _receiver.ActorOf(Props.Create(() => new CountingActor()), "counter");
        var address = ((ExtendedActorSystem)_receiver).Provider.DefaultAddress;
        _target = _sender.ActorSelection(new RootActorPath(address) / "user" / "counter").ResolveOne(Timeout).Result;
        _ticks = Enumerable.Range(0, MessagesPerInvoke).Select(i => new Tick(i)).ToArray();
        // Open the lane (or warm the association) before measuring.
        Run();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Task.WaitAll([_sender.Terminate(), _receiver.Terminate()], Timeout);
    }

    [Benchmark(OperationsPerInvoke = MessagesPerInvoke)]
    public int Run()
    {
        var done = _counter.Ask<int>(new CountingActor.Expect(MessagesPerInvoke), Timeout);
        foreach (var tick in _ticks)
        {
            _target.Tell(tick, ActorRefs.NoSender);
        }

        return done.Result;
    }

    /// <summary>Counts ticks and answers once the expected number has arrived.</summary>
    private sealed class CountingActor : ReceiveActor
    {
        public CountingActor()
        {
            var count = 0;
            var expected = int.MaxValue;
            IActorRef? waiter = null;
            Receive<Expect>(e =>
            {
                count = 0;
                expected = e.Count;
                waiter = Sender;
            });
            Receive<Tick>(_ =>
            {
                if (++count == expected)
                {
                    waiter?.Tell(count);
                }
            });
        }

        public sealed record Expect(int Count);
    }
}
