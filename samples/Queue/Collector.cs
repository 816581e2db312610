using Akka.Actor;

namespace Queue;

/// <summary>
/// The consumer's application end, in the parent: records each order once by its id (a redelivered
/// one is dropped and counted) and tells who waits when a number of distinct orders has arrived.
/// </summary>
public sealed class Collector : ReceiveActor
{
    /// <summary>Answer a <see cref="Totals"/> once <paramref name="Count"/> distinct orders have arrived.</summary>
    public sealed record WhenDelivered(long Count);

    /// <summary>Answer the <see cref="Totals"/> now.</summary>
    public sealed record GetTotals;

    /// <summary>Distinct orders, and deliveries of an order already recorded (dropped by id).</summary>
    public sealed record Totals(long Distinct, long Redelivered);

    public Collector()
    {
        var seen = new HashSet<long>();
        var redelivered = 0L;
        var waiting = new List<(long Count, IActorRef ReplyTo)>();
        Receive<Delivered>(delivered =>
        {
            if (!seen.Add(delivered.Id))
            {
                redelivered++;
            }

            Sender.Tell(new Recorded());
            foreach (var waiter in waiting.Where(w => seen.Count >= w.Count).ToArray())
            {
                waiter.ReplyTo.Tell(new Totals(seen.Count, redelivered));
                waiting.Remove(waiter);
            }
        });
        Receive<WhenDelivered>(when =>
        {
            if (seen.Count >= when.Count)
            {
                Sender.Tell(new Totals(seen.Count, redelivered));
            }
            else
            {
                waiting.Add((when.Count, Sender));
            }
        });
        Receive<GetTotals>(_ => Sender.Tell(new Totals(seen.Count, redelivered)));
    }
}
