using Akka.Actor;
using Akka.Delivery;

namespace Supervision;

/// <summary>Feeds one worker's producer controller with the jobs of its range, one per request.</summary>
public sealed class JobSource : ReceiveActor
{
    public JobSource(int first, int count)
    {
        var next = first;
        Receive<ProducerController.RequestNext<Job>>(request =>
        {
            if (next < first + count)
            {
                request.SendNextTo.Tell(new Job(next++));
            }
        });
    }
}
