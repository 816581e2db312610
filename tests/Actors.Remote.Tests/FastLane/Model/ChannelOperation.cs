namespace Actors.Remote.Tests.FastLane.Model;

/// <summary>One step of a two-channel lane's life in <see cref="ChannelOrderingProperties"/>; each prints as a line of a readable counterexample.</summary>
public abstract record ChannelOperation;

/// <summary>Pair number <paramref name="Pair"/> sends a small or a large message.</summary>
public sealed record SendOnPair(int Pair, bool Large) : ChannelOperation
{
    public override string ToString() => $"Send({(Large ? "large" : "small")}, p{Pair})";
}

/// <summary>The large channel opens: large messages take it from now on (before, they take the small channel).</summary>
public sealed record OpenLargeChannel : ChannelOperation
{
    public override string ToString() => "OpenLarge";
}

/// <summary>The small channel's reader reads a run of up to <paramref name="Records"/> records, then tells it.</summary>
public sealed record ReadSmall(int Records) : ChannelOperation
{
    public override string ToString() => $"ReadSmall({Records})";
}

/// <summary>The large channel's reader delivers up to <paramref name="Records"/> records, as far as their fences allow.</summary>
public sealed record ReadLarge(int Records) : ChannelOperation
{
    public override string ToString() => $"ReadLarge({Records})";
}
