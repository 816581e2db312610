using Akka.Actor;
using Akka.Delivery;

namespace Supervision;

/// <summary>
/// Feeds one worker's producer controller with the jobs of its range, one per request. After
/// <c>holdAfter</c> jobs it holds the rest until it is told to <see cref="Release"/> them.
/// </summary>
public sealed class JobSource : ReceiveActor
{
    /// <summary>Send the jobs held back.</summary>
    public sealed record Release;

    public JobSource(int first, int count, int holdAfter)
    {
        var next = first;
        var held = true;
        ProducerController.RequestNext<Job>? waiting = null;
        Receive<ProducerController.RequestNext<Job>>(request =>
        {
            waiting = request;
            SendIfAllowed();
        });
        Receive<Release>(_ =>
        {
            held = false;
            SendIfAllowed();
        });

        void SendIfAllowed()
        {
            if (waiting is null || next >= first + count || (held && next - first >= holdAfter))
            {
                return;
            }

            waiting.SendNextTo.Tell(new Job(next++));
            waiting = null;
        }
    }
}
