using Actors.Cluster;
using Actors.Delivery;
using Actors.Supervision.Delivery;
using Akka.Actor;
using Akka.Configuration;
using BenchmarkDotNet.Attributes;

namespace Actors.Benchmarks.Delivery;

/// <summary>
/// The durable queue on SQLite against in-memory Akka.Delivery in the same run: messages per second
/// (a burst of <see cref="Burst"/> messages told at once, until the consumer has them all) and the
/// round trip of one message (told, stored, delivered, handled). Producer and consumer share one
/// system, so the numbers are the queue's own cost, not a transport's. The SQLite file is on the
/// temporary directory's disk.
/// </summary>
[MemoryDiagnoser]
public class DurableQueueBenchmarks
{
    private const int Burst = 500;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private ActorSystem _system = null!;
    private IActorRef _producer = null!;
    private string? _directory;
    private readonly ConsumedCounter _consumed = new();
    private int _next;

    [Params("in-memory", "sqlite")]
    public string Queue { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("queue-bench", ConfigurationFactory.ParseString("akka.loglevel = WARNING\n" + ReliableDelivery.Hocon));
        IActorRef controller;
        if (Queue == "sqlite")
        {
            _directory = Directory.CreateTempSubdirectory("queue-bench-").FullName;
            _producer = DurableProducer.Start<int>(_system, "bench", DurableQueueSettings.Sqlite(_directory));
            controller = _producer.Ask<DurableProducer.Progress>(DurableProducer.GetProgress.Instance, s_timeout).Result.Controller;
        }
        else
        {
            _producer = _system.ActorOf(Props.Create(() => new InMemoryProducer("bench")), "producer");
            controller = _producer.Ask<IActorRef>(new InMemoryProducer.GetController(), s_timeout).Result;
        }

        _system.ActorOf(DurableConsumer<int>.Props(_consumed.Add, controller), "consumer");

        // Open the database, compile linq2db's queries and register the consumer before measuring.
        Throughput();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _system.Terminate().Wait(s_timeout);
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Benchmark(OperationsPerInvoke = Burst)]
    public void Throughput()
    {
        var done = _consumed.WhenCount(_next + Burst);
        for (var i = 0; i < Burst; i++)
        {
            _producer.Tell(++_next);
        }

        done.Wait(s_timeout);
    }

    [Benchmark]
    public void RoundTrip()
    {
        var done = _consumed.WhenCount(_next + 1);
        _producer.Tell(++_next);
        done.Wait(s_timeout);
    }
}
