using Akka.Actor;

namespace Supervision;

/// <summary>
/// Counts each job once: a job a crashed worker handled but could not confirm is sent again to its
/// next incarnation (at-least-once delivery) and dropped here by id, so its effect counts once.
/// </summary>
public sealed class Collector : ReceiveActor
{
    /// <summary>Every job of the watched range is in: the moment to kill its worker.</summary>
    public sealed record MilestoneReached;

    public sealed record Summary(int Processed, int Redelivered);

    /// <summary>Asks for the counts so far; the reply is a <see cref="Summary"/>.</summary>
    public sealed record GetSummary;

    /// <param name="total">How many jobs there are (ids 0 to total - 1).</param>
    /// <param name="reportTo">Told of the milestone and sent the summary once every job is in.</param>
    /// <param name="watchedFirst">The first id of the range watched for the milestone.</param>
    /// <param name="watchedCount">How many ids the watched range holds.</param>
    public Collector(int total, IActorRef reportTo, int watchedFirst, int watchedCount)
    {
        var seen = new bool[total];
        var (processed, redelivered, watched) = (0, 0, 0);
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
            if (job.Id >= watchedFirst && job.Id < watchedFirst + watchedCount && ++watched == watchedCount)
            {
                reportTo.Tell(new MilestoneReached());
            }

            if (processed == total)
            {
                reportTo.Tell(new Summary(processed, redelivered));
            }
        });
    }
}
