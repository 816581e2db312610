using System.Threading.Channels;
using Actors.Supervision;
using Akka.Actor;

namespace Queue;

/// <summary>The supervisors' events, in order, for the parent's script to wait on one at a time.</summary>
internal sealed class PeerEventQueue
{
    private readonly Channel<PeerEvent> _events = Channel.CreateUnbounded<PeerEvent>();

    public PeerEventQueue(ActorSystem system)
    {
        var writer = _events.Writer;
        var listener = system.ActorOf(Props.Create(() => new Listener(writer)), "peer-events");
        system.EventStream.Subscribe(listener, typeof(PeerEvent));
    }

    /// <summary>The next event of type <typeparamref name="T"/> about <paramref name="name"/>; a start failure or give-up ends the wait with its reason.</summary>
    public async Task<T> NextAsync<T>(string name, TimeSpan timeout)
        where T : PeerEvent
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var next = await _events.Reader.ReadAsync(cancel.Token);
            switch (next)
            {
                case T wanted when wanted.Name == name:
                    return wanted;
                case PeerStartFailed failed when failed.Name == name:
                    throw new InvalidOperationException($"{name} failed to start: {failed.Reason}");
                case PeerGaveUp gaveUp when gaveUp.Name == name:
                    throw new InvalidOperationException($"{name}: the supervisor gave up ({gaveUp.LastFailure})");
            }
        }
    }

    private sealed class Listener : ReceiveActor
    {
        public Listener(ChannelWriter<PeerEvent> writer) => Receive<PeerEvent>(e => writer.TryWrite(e));
    }
}
