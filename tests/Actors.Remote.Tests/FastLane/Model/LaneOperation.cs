namespace Actors.Remote.Tests.FastLane.Model;

/// <summary>One step of a lane's life in the model-based test; each prints as a line of a readable counterexample.</summary>
public abstract record LaneOperation;

/// <summary>Who a message is from.</summary>
public enum SenderKind
{
    /// <summary>No sender (<c>Nobody</c>).</summary>
    Nobody,

    /// <summary>One of a few long-lived actors.</summary>
    LongLived,

    /// <summary>A temporary actor never seen before (as every Ask makes).</summary>
    NewTemporary,

    /// <summary>A temporary actor seen before, perhaps long since evicted from the table.</summary>
    EarlierTemporary,
}

/// <summary>A Tell to recipient number <paramref name="Recipient"/> (some do not exist) with a payload of <paramref name="PayloadBytes"/>.</summary>
public sealed record Send(int Recipient, SenderKind Sender, int SenderIndex, int PayloadBytes, bool Serializable) : LaneOperation
{
    public override string ToString() =>
        $"Send(to r{Recipient}, from {Sender}{(Sender is SenderKind.LongLived or SenderKind.EarlierTemporary ? $"#{SenderIndex}" : string.Empty)}, {PayloadBytes} B{(Serializable ? string.Empty : ", unserializable")})";
}

/// <summary>The reader takes up to <paramref name="Records"/> records from the ring.</summary>
public sealed record Read(int Records) : LaneOperation
{
    public override string ToString() => $"Read({Records})";
}

/// <summary>The writer's drain moves held records into the ring as far as there is room.</summary>
public sealed record Drain : LaneOperation
{
    public override string ToString() => "Drain";
}

/// <summary>The lane opens (behind its barrier) when closed; until then messages take the classic path.</summary>
public sealed record Open : LaneOperation
{
    public override string ToString() => "Open";
}

/// <summary>The link ends (the peer went): what is in the ring is read to the end, what was held is lost.</summary>
public sealed record Close : LaneOperation
{
    public override string ToString() => "Close";
}

/// <summary>The peer's incarnation is quarantined: nothing more of this lane is delivered, and nothing sent before a new incarnation opens a lane.</summary>
public sealed record Quarantine : LaneOperation
{
    public override string ToString() => "Quarantine";
}
