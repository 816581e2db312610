using Akka.Actor;

namespace Supervision;

/// <summary>
/// Counts each job once: a job a crashed worker handled but could not confirm is sent again to its
/// next incarnation (at-least-once delivery) and dropped here by id, so its effect counts once.
/// </summary>
public sealed class Collector : ReceiveActor
{
    /// <summary>A third of the jobs are in: the moment to kill a worker.</summary>
    public sealed record ThirdDone;

    public sealed record Summary(int Processed, int Redelivered);

    /// <summary>Asks for the counts so far; the reply is a <see cref="Summary"/>.</summary>
    public sealed record GetSummary;

    public Collector(int total, IActorRef reportTo)
    {
        var seen = new bool[total];
        var (processed, redelivered) = (0, 0);
        Receive<GetSummary>(_ => Sender.Tell(new Summary(processed, redelivered)));
        Receive<Processed>(job =>
        {
            if (seen[job.Id])
            {
                redelivered++;
                return;
            }

            seen[job.Id] = true;
            processed++;
            if (processed == total / 3)
            {
                reportTo.Tell(new ThirdDone());
            }

            if (processed == total)
            {
                reportTo.Tell(new Summary(processed, redelivered));
            }
        });
    }
}
