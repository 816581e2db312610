using Akka.Actor;

namespace PingPong;

/// <summary>
/// Keeps <c>window</c> pings in flight to the partner until <c>total</c> pongs came back, then
/// completes <c>done</c>. Each pong releases the next ping, so the window never grows.
/// </summary>
public sealed class PingActor : ReceiveActor
{
    public PingActor(IActorRef ponger, int total, int window, TaskCompletionSource done)
    {
        var sent = 0;
        var received = 0;
        Receive<Pong>(_ =>
        {
            received++;
            if (received == total)
            {
                done.TrySetResult();
                Context.Stop(Self);
            }
            else if (sent < total)
            {
                ponger.Tell(new Ping(sent++));
            }
        });

        // Fill the window as soon as the actor starts.
        for (; sent < Math.Min(window, total); sent++)
        {
            ponger.Tell(new Ping(sent), Self);
        }
    }
}
