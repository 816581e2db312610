namespace Actors.Remote.Tests.FastLane.Model;

/// <summary>
/// The plain reference model of a lane: what must arrive, and in what order. A message sent is either
/// expected (once, in send order, at its recipient with its sender) or predicted lost, for a reason the
/// model names; nothing else may happen. It knows nothing of rings, tables or records.
/// </summary>
internal sealed class LaneModel
{
    private readonly List<Expected> _expected = [];
    private readonly Dictionary<int, string> _lost = [];

    // Messages that took the open lane and have not arrived yet, oldest first.
    private readonly List<Expected> _inFlight = [];

    /// <summary>What must arrive, in order.</summary>
    public IReadOnlyList<Expected> Deliveries => _expected;

    /// <summary>Messages predicted lost, with why.</summary>
    public IReadOnlyDictionary<int, string> Lost => _lost;

    public bool IsOpen { get; private set; }

    public bool IsQuarantined { get; private set; }

    /// <summary>A message that the classic path carries (the lane is closed).</summary>
    public void SentClassic(Expected message, bool serializable)
    {
        if (IsQuarantined)
        {
            _lost[message.Seq] = "quarantined: the classic path drops it too";
        }
        else if (!serializable)
        {
            _lost[message.Seq] = "unserializable";
        }
        else
        {
            _expected.Add(message);
        }
    }

    /// <summary>A message the open lane accepted.</summary>
    public void SentOnLane(Expected message)
    {
        _expected.Add(message);
        _inFlight.Add(message);
    }

    /// <summary>A message the lane refused for <paramref name="reason"/>.</summary>
    public void Refused(int seq, string reason) => _lost[seq] = reason;

    /// <summary>A message of the lane arrived.</summary>
    public void Arrived(int seq) => _inFlight.RemoveAll(m => m.Seq == seq);

    public void Opened()
    {
        IsOpen = true;
        IsQuarantined = false;
    }

    /// <summary>The link ended: the last <paramref name="held"/> accepted messages had not reached the ring and are lost; the ring's are still read.</summary>
    public void Closed(int held)
    {
        foreach (var message in _inFlight.Skip(_inFlight.Count - held).ToArray())
        {
            Lose(message, "held for room when the link ended");
        }

        IsOpen = false;
    }

    /// <summary>Quarantined: nothing of the lane that has not arrived will.</summary>
    public void Quarantined()
    {
        foreach (var message in _inFlight.ToArray())
        {
            Lose(message, "in the lane when its peer was quarantined");
        }

        IsOpen = false;
        IsQuarantined = true;
    }

    private void Lose(Expected message, string reason)
    {
        _inFlight.Remove(message);
        _expected.Remove(message);
        _lost[message.Seq] = reason;
    }

    /// <summary>A delivery the model expects: message <paramref name="Seq"/> at <paramref name="Recipient"/> from <paramref name="Sender"/> (null: none).</summary>
    public sealed record Expected(int Seq, string Recipient, string? Sender);
}
