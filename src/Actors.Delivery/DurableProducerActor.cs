using Akka.Actor;
using Akka.Delivery;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Delivery;
using Akka.Util;

namespace Actors.Delivery;

/// <summary>
/// The actor behind <see cref="DurableProducer"/>. It journals each message it is told (its outbox),
/// so a message is safe before Akka.Delivery asks for it: a ProducerController asks for one message at
/// a time and, until a consumer registers, for just one, so messages told while the consumer is away
/// would otherwise wait in memory. On a RequestNext it hands the oldest outbox message over; the
/// controller stores it in its own queue under the next sequence number.
/// </summary>
/// <remarks>
/// Invariant: outbox event <c>n</c> becomes controller sequence number <c>n</c>. Both count from 1 and
/// hand-over is in order, one at a time, after the outbox write; so after a restart the controller's
/// first <c>RequestNext.CurrentSeqNr</c> says which outbox events were already handed over.
/// Handed-over events are deleted from the outbox every <see cref="DeleteEvery"/> messages.
/// </remarks>
internal sealed class DurableProducerActor<T> : ReceivePersistentActor
{
    private const long DeleteEvery = 1000;

    private readonly int _bufferLimit;
    private readonly IActorRef _controller;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    // Stored in the outbox, not yet handed to the controller, oldest first, with their numbers.
    private readonly Queue<(long Number, T Message)> _pending = new();

    // Who waits for a count of stored messages.
    private readonly List<(long Count, IActorRef ReplyTo)> _storeWaiters = [];

    private long _stored;
    private long _handedOver = -1;
    private long _confirmed;
    private long _deletedTo;
    private IActorRef? _sendNextTo;

    public DurableProducerActor(string producerId, EventSourcedProducerQueue.Settings queueSettings, int bufferLimit)
    {
        PersistenceId = $"durable-producer-outbox-{producerId}";
        JournalPluginId = queueSettings.JournalPluginId;
        SnapshotPluginId = queueSettings.SnapshotPluginId;
        _bufferLimit = bufferLimit;
        var queue = EventSourcedProducerQueue.Create<T>($"durable-producer-queue-{producerId}", queueSettings);
        _controller = Context.ActorOf(ProducerController.Create<T>(Context, producerId, Option<Props>.Create(queue)), "controller");

        Recover<T>(message =>
        {
            _pending.Enqueue((LastSequenceNr, message));
            _stored = LastSequenceNr;
        });
        Recover<RecoveryCompleted>(_ =>
        {
            _stored = LastSequenceNr;
            _controller.Tell(new ProducerController.Start<T>(Self));
        });

        Command<ProducerController.RequestNext<T>>(OnRequestNext);
        Command<DurableProducer.GetProgress>(_ => Sender.Tell(Progress()));
        Command<DurableProducer.WhenStored>(when =>
        {
            if (_stored >= when.Count)
            {
                Sender.Tell(Progress());
            }
            else
            {
                _storeWaiters.Add((when.Count, Sender));
            }
        });
        Command<DeleteMessagesSuccess>(deleted => _deletedTo = Math.Max(_deletedTo, deleted.ToSequenceNr));
        Command<DeleteMessagesFailure>(failed => _log.Warning("durable producer {0}: deleting handed-over outbox events failed: {1}", PersistenceId, failed.Cause.Message));
        Command<T>(OnMessage);
    }

    public override string PersistenceId { get; }

    private void OnMessage(T message)
    {
        if (_pending.Count >= _bufferLimit)
        {
            Sender.Tell(new Status.Failure(new DurableQueueException(
                $"durable producer refused a message: pending={_pending.Count}, limit={_bufferLimit} (actors.durable-queue.buffer-limit)")));
            return;
        }

        // PersistAsync keeps accepting while the journal writes, so its batches carry many messages;
        // the handlers still run in order.
        PersistAsync(message, stored =>
        {
            _stored = LastSequenceNr;
            _pending.Enqueue((LastSequenceNr, stored));
            AnswerStoreWaiters();
            HandOver();
        });
    }

    private void OnRequestNext(ProducerController.RequestNext<T> next)
    {
        _confirmed = next.ConfirmedSeqNr;
        _handedOver = next.CurrentSeqNr - 1;
        _sendNextTo = next.SendNextTo;
        while (_pending.TryPeek(out var head) && head.Number <= _handedOver)
        {
            _pending.Dequeue();
        }

        HandOver();
    }

    private void HandOver()
    {
        if (_sendNextTo is null || !_pending.TryPeek(out var head))
        {
            return;
        }

        if (head.Number != _handedOver + 1)
        {
            _log.Error("durable producer {0}: outbox message {1} does not follow the controller's {2}; the database was changed under the queue", PersistenceId, head.Number, _handedOver);
            return;
        }

        _pending.Dequeue();
        _sendNextTo.Tell(head.Message);
        _sendNextTo = null;
        _handedOver = head.Number;
        if (_handedOver - _deletedTo >= DeleteEvery)
        {
            DeleteMessages(_handedOver);
            _deletedTo = _handedOver;
        }
    }

    private void AnswerStoreWaiters()
    {
        for (var i = _storeWaiters.Count - 1; i >= 0; i--)
        {
            if (_stored >= _storeWaiters[i].Count)
            {
                _storeWaiters[i].ReplyTo.Tell(Progress());
                _storeWaiters.RemoveAt(i);
            }
        }
    }

    private DurableProducer.Progress Progress() => new(_controller, _stored, _confirmed);
}
