using Akka.Actor;
using Akka.Delivery;
using Akka.Event;
using Akka.Persistence;
using Akka.Util;

namespace Actors.Delivery;

/// <summary>
/// The actor behind <see cref="DurableProducer"/>: an outbox journaled in the queue's database in
/// front of an in-memory Akka.Delivery ProducerController. Each message told is written first
/// (<c>PersistAsync</c>, so the journal batches them); on a RequestNext the oldest one is handed to the
/// controller with a confirmation request; when the consumer confirms it, the outbox deletes the
/// journal up to it. After a restart the journal replays exactly what was not confirmed (plus what was
/// confirmed after the last deletion: at least once), in order, to a fresh controller.
/// </summary>
/// <remarks>
/// Akka's own durable queue (<c>EventSourcedProducerQueue</c>) is not used: Akka.NET 1.5.75's
/// ProducerController, reloading a queue whose messages were all confirmed, answers with a RequestNext
/// for sequence number 1 while its current number is higher, and the first message sent before a
/// consumer registers fails it with "Unexpected Msg when no demand" (DurableQueueProperties found it).
/// It also asks for one message only until a consumer registers, so the outbox is needed anyway.
/// </remarks>
internal sealed class DurableProducerActor<T> : ReceivePersistentActor
{
    private readonly int _bufferLimit;
    private readonly IActorRef _controller;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    // Stored in the outbox, not yet handed to the controller, oldest first, with their numbers.
    private readonly Queue<(long Number, T Message)> _pending = new();

    // Handed to this incarnation's controller and not yet confirmed: its sequence number -> outbox number.
    private readonly Dictionary<long, long> _unconfirmed = [];

    // Who waits for a count of stored messages.
    private readonly List<(long Count, IActorRef ReplyTo)> _storeWaiters = [];

    private long _stored;
    private long _confirmed;
    private long _deletedTo;
    private bool _deleting;
    private IActorRef? _sendNextTo;
    private long _nextSeqNr;

    public DurableProducerActor(string producerId, string journalPluginId, string snapshotPluginId, int bufferLimit)
    {
        PersistenceId = $"durable-producer-{producerId}";
        JournalPluginId = journalPluginId;
        SnapshotPluginId = snapshotPluginId;
        _bufferLimit = bufferLimit;
        _controller = Context.ActorOf(ProducerController.Create<T>(Context, producerId, Option<Props>.None), "controller");

        Recover<T>(message => _pending.Enqueue((LastSequenceNr, message)));
        Recover<RecoveryCompleted>(_ =>
        {
            _stored = LastSequenceNr;

            // What is no longer in the journal was confirmed and deleted.
            _confirmed = _deletedTo = _pending.TryPeek(out var oldest) ? oldest.Number - 1 : _stored;
            _controller.Tell(new ProducerController.Start<T>(Self));
        });

        Command<ProducerController.RequestNext<T>>(next =>
        {
            _sendNextTo = next.SendNextTo;
            _nextSeqNr = next.CurrentSeqNr;
            HandOver();
        });
        Command<long>(OnConfirmed);
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
        Command<DeleteMessagesSuccess>(deleted =>
        {
            _deleting = false;
            _deletedTo = Math.Max(_deletedTo, deleted.ToSequenceNr);
            DeleteConfirmed();
        });
        Command<DeleteMessagesFailure>(failed =>
        {
            // Kept rows only mean repeats after a restart; the next confirmation tries again.
            _deleting = false;
            _log.Warning("durable producer {0}: deleting confirmed messages up to {1} failed: {2}", PersistenceId, failed.ToSequenceNr, failed.Cause.Message);
        });
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

    private void HandOver()
    {
        if (_sendNextTo is null || !_pending.TryDequeue(out var head))
        {
            return;
        }

        _unconfirmed[_nextSeqNr] = head.Number;
        _sendNextTo.Tell(new ProducerController.MessageWithConfirmation<T>(head.Message, Self));
        _sendNextTo = null;
    }

    // The controller answers each message's sequence number once the consumer confirmed it.
    private void OnConfirmed(long seqNr)
    {
        if (_unconfirmed.Remove(seqNr, out var number))
        {
            _confirmed = Math.Max(_confirmed, number);
            DeleteConfirmed();
        }
    }

    // One deletion at a time, up to the highest confirmed number: under load they coalesce.
    private void DeleteConfirmed()
    {
        if (!_deleting && _confirmed > _deletedTo)
        {
            _deleting = true;
            DeleteMessages(_confirmed);
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
