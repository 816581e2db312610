using Actors.Delivery;
using Actors.Supervision;
using Akka.Actor;

namespace Queue;

/// <summary>The two processes the parent supervises: the producer (with its durable queue) and the consumer.</summary>
internal static class ChildProcesses
{
    public static async Task<int> RunProducerAsync(FileInfo config, DurableQueueSettings storage, string producerId, long messages, long pauseAt)
    {
        using var system = ActorSystem.Create("producer", SampleConfig.Load(config));
        try
        {
            var producer = DurableProducer.Start<Order>(system, producerId, storage, "orders");
            system.ActorOf(Props.Create(() => new ProducerHost(producer, messages, pauseAt)), ProducerHost.Name);
        }
        catch (DurableQueueException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        return await RunAsync(system);
    }

    public static async Task<int> RunConsumerAsync(FileInfo config)
    {
        using var system = ActorSystem.Create("consumer", SampleConfig.Load(config));
        system.ActorOf(Props.Create(() => new ConsumerHost()), ConsumerHost.Name);
        return await RunAsync(system);
    }

    private static async Task<int> RunAsync(ActorSystem system)
    {
        ParentLink.TerminateWhenParentCloses(system);
        ParentLink.ShutDownOnSignals(system);
        ParentLink.AnnounceReady(system);
        await system.WhenTerminated;
        return 0;
    }
}
