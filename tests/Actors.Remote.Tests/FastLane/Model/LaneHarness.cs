using Actors.Remote.FastLane;
using Actors.Remote.SharedMemory;
using Akka.Actor;

namespace Actors.Remote.Tests.FastLane.Model;

/// <summary>
/// Runs a sequence of <see cref="LaneOperation"/>s against the real lane (a <see cref="LaneWriter"/> and a
/// <see cref="LaneReader"/> over a real carrier: a ring in a mapped segment or a stream's frames) and against the <see cref="LaneModel"/>,
/// and says where the two part.
/// </summary>
internal sealed class LaneHarness : IDisposable
{
    public const int RingSize = RingLayout.MinimumCapacity;
    public const int Recipients = 6;
    public const int LongLivedSenders = 3;

    // Recipients r4 and r5 do not exist: their messages go to dead letters, as over Akka.Remote.
    private const int ExistingRecipients = 4;

    private readonly ActorSystem _system;
    private readonly int _definitionsLimit;
    private readonly int? _pendingLimit;
    private readonly Func<int, ILaneTestLink> _carrier;
    private readonly ModelSerialization _serialization = new();
    private readonly IActorRef[] _recipients;
    private readonly IActorRef[] _senders;
    private readonly List<IActorRef> _temporaries = [];
    private readonly LaneModel _model = new();
    private readonly List<LaneModel.Expected> _arrived = [];
    private ILaneTestLink? _ring;
    private LaneWriter? _writer;
    private LaneReader? _reader;
    private int _nextSeq;

    /// <param name="carrier">Makes the lane's carrier for a ring size (<see cref="RingTestLink"/>, <see cref="StreamTestLink"/>).</param>
    public LaneHarness(ActorSystem system, int definitionsLimit, int? pendingLimit, Func<int, ILaneTestLink> carrier)
    {
        _carrier = carrier;
        _system = system;
        _definitionsLimit = definitionsLimit;
        _pendingLimit = pendingLimit;
        _recipients = Enumerable.Range(0, Recipients).Select(i => Resolve($"/user/r{i}")).ToArray();
        _senders = Enumerable.Range(0, LongLivedSenders).Select(i => Resolve($"/user/s{i}")).ToArray();
    }

    /// <summary>The largest payload (serialized bytes) the harness's ring takes for message <paramref name="seq"/>.</summary>
    public static int MaximumPayloadBytes(int seq) =>
        RingLayout.MaximumPayload(RingSize) - LaneRecords.MessageHeaderLength - ModelSerialization.ManifestBytes(seq);

    /// <summary>Runs <paramref name="operations"/>, then ends the lane gracefully (drained, read to the end); null when real and model agree, else what differs.</summary>
    public string? Run(IEnumerable<LaneOperation> operations)
    {
        foreach (var operation in operations)
        {
            if (Apply(operation) is { } failure)
            {
                return $"after {operation}: {failure}";
            }
        }

        if (_writer is not null)
        {
            // A graceful end: everything held reaches the ring, everything in the ring is read.
            while (!_writer.Drain())
            {
                ReadRecords(int.MaxValue);
            }

            ReadRecords(int.MaxValue);
        }

        return Compare();
    }

    public void Dispose() => _ring?.Dispose();

    private string? Apply(LaneOperation operation)
    {
        switch (operation)
        {
            case Send send:
                return Send(send);
            case Read read when _reader is not null:
                return ReadRecords(read.Records);
            case Drain when _writer is not null:
                _writer.Drain();
                return null;
            case Open when _writer is null:
                _ring = _carrier(RingSize);
                _writer = new LaneWriter(_ring.Sink, _definitionsLimit, _pendingLimit, actor => actor.Path.ToString());
                _reader = new LaneReader(_serialization, ResolveForReader);
                _model.Opened();
                return null;
            case Close when _writer is not null:
                // The peer reads what reached the ring before the link ended; what waited for room is lost.
                _model.Closed(_writer.HeldMessages);
                var failure = ReadRecords(int.MaxValue);
                EndLane();
                return failure;
            case Quarantine:
                EndLane();
                _model.Quarantined();
                return null;
            default:
                return null;
        }
    }

    private string? Send(Send send)
    {
        var seq = _nextSeq++;
        var message = new ModelMessage(seq, send.PayloadBytes, send.Serializable);
        var recipient = _recipients[send.Recipient % Recipients];
        var sender = SenderFor(send);
        var expected = new LaneModel.Expected(
            seq,
            send.Recipient % Recipients < ExistingRecipients ? recipient.Path.ToString() : _system.DeadLetters.Path.ToString(),
            sender.IsNobody() ? null : sender.Path.ToString());
        if (_writer is null)
        {
            _model.SentClassic(expected, send.Serializable);
            if (!_model.IsQuarantined && send.Serializable)
            {
                _arrived.Add(expected);
            }

            return null;
        }

        EncodedMessage encoded;
        try
        {
            encoded = _serialization.Serialize(message);
        }
        catch (InvalidOperationException)
        {
            _model.Refused(seq, "unserializable");
            return null;
        }

        var result = _writer.Write(recipient, sender, encoded);
        var tooLarge = send.PayloadBytes > MaximumPayloadBytes(seq);
        switch (result)
        {
            case LaneWriteResult.TooLarge when tooLarge:
                _model.Refused(seq, "larger than the lane takes");
                break;
            case LaneWriteResult.Overflowed when _pendingLimit is { } limit && _writer.HeldMessages >= limit && !tooLarge:
                _model.Refused(seq, "pending-limit reached");
                break;
            case LaneWriteResult.Written or LaneWriteResult.Held when !tooLarge:
                _model.SentOnLane(expected);
                break;
            default:
                return $"the writer answered {result} for message {seq} ({send.PayloadBytes} B, {_writer.HeldMessages} held, limit {_pendingLimit?.ToString() ?? "off"})";
        }

        return _writer.DefinedActors > _definitionsLimit ? $"the writer's table holds {_writer.DefinedActors} actors, over its limit {_definitionsLimit}" : null;
    }

    private string? ReadRecords(int limit)
    {
        string? failure = null;
        _ring!.Read(
            record =>
            {
                var read = _reader!.Read(record);
                if (read.Failure is not null)
                {
                    failure ??= $"a message could not be deserialized: {read.Failure.Message}";
                }
                else if (read.IsDelivery)
                {
                    var message = (ModelMessage)read.Message!;
                    _arrived.Add(new LaneModel.Expected(message.Seq, read.Recipient!.Path.ToString(), read.Sender is null || read.Sender.IsNobody() ? null : read.Sender.Path.ToString()));
                    _model.Arrived(message.Seq);
                }
            },
            limit);
        if (_reader!.DefinedActors > _definitionsLimit)
        {
            failure ??= $"the reader's table holds {_reader.DefinedActors} actors, over the writer's limit {_definitionsLimit}";
        }

        return failure;
    }

    private string? Compare()
    {
        var expected = _model.Deliveries;
        for (var i = 0; i < Math.Max(expected.Count, _arrived.Count); i++)
        {
            var want = i < expected.Count ? expected[i] : null;
            var got = i < _arrived.Count ? _arrived[i] : null;
            if (want != got)
            {
                var lost = got is not null && _model.Lost.TryGetValue(got.Seq, out var why) ? $" (the model has it lost: {why})" : string.Empty;
                return $"delivery {i}: expected {want?.ToString() ?? "nothing more"}, got {got?.ToString() ?? "nothing more"}{lost}";
            }
        }

        return null;
    }

    private IActorRef SenderFor(Send send)
    {
        switch (send.Sender)
        {
            case SenderKind.LongLived:
                return _senders[send.SenderIndex % LongLivedSenders];
            case SenderKind.EarlierTemporary when _temporaries.Count > 0:
                return _temporaries[send.SenderIndex % _temporaries.Count];
            case SenderKind.NewTemporary or SenderKind.EarlierTemporary:
                var temporary = Resolve($"/temp/t{_temporaries.Count}");
                _temporaries.Add(temporary);
                return temporary;
            default:
                return ActorRefs.Nobody;
        }
    }

    private IActorRef ResolveForReader(string path)
    {
        var existing = _recipients.Take(ExistingRecipients).Concat(_senders).Concat(_temporaries).FirstOrDefault(a => a.Path.ToString() == path);
        return existing ?? _system.DeadLetters;
    }

    private IActorRef Resolve(string path) => ((ExtendedActorSystem)_system).Provider.ResolveActorRef(_system.Name == string.Empty ? path : $"akka://{_system.Name}{path}");

    private void EndLane()
    {
        _ring?.Dispose();
        _ring = null;
        _writer = null;
        _reader = null;
    }
}
