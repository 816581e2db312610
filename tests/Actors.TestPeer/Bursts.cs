namespace Actors.TestPeer;

/// <summary>Message <paramref name="Seq"/> (from 0) of the burst of sender <paramref name="Sender"/>.</summary>
public sealed record Counted(int Sender, int Seq);

/// <summary>Sent by <paramref name="Sender"/> after the last of its <paramref name="Sent"/> messages, on the same path.</summary>
public sealed record BurstEnded(int Sender, int Sent);

/// <summary>
/// Asks the <see cref="BurstCounter"/> for its report once <paramref name="Senders"/> senders have said
/// they ended, or once nothing has arrived for <paramref name="Quiet"/> (some messages, or an end, were lost).
/// </summary>
public sealed record AwaitBurstReport(int Senders, TimeSpan Quiet);

/// <summary>What arrived from each sender; <paramref name="Quiet"/> = the report was given because nothing more came.</summary>
public sealed record BurstReport(SenderTally[] Senders, bool Quiet);

/// <param name="Sender">The sender's number.</param>
/// <param name="Received">Its messages that arrived.</param>
/// <param name="InOrder">Those that arrived exactly when their turn was due: a lost, duplicated or swapped message stalls this count.</param>
/// <param name="Announced">How many it said it sent (<see cref="BurstEnded"/>); -1 if that never arrived.</param>
public sealed record SenderTally(int Sender, long Received, long InOrder, long Announced);
