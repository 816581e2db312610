using Akka.Actor;

namespace Actors.TestPeer;

/// <summary>A consumer that needs about a millisecond per message: anything sent faster piles up in front of it.</summary>
public sealed class SlowConsumer : ReceiveActor
{
    public const string Name = "consumer";

    private static readonly TimeSpan WorkPerMessage = TimeSpan.FromMilliseconds(1);

    public SlowConsumer(FloodCounters counters) => ReceiveAny(_ =>
    {
        // Stands for real work that takes a millisecond; nothing waits on it.
        Thread.Sleep(WorkPerMessage);
        counters.CountHandled();
    });
}
