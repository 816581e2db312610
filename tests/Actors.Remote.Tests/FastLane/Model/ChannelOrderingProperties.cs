using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Actors.Remote.Tests.FastLane.Model;

/// <summary>
/// A lane's two channels (small and large messages) against a plain model, through random lives: random sends over random
/// pairs, the large channel opening part-way, and the two readers progressing in random interleavings (the large one far
/// behind too). Everything is delivered exactly once, in send order per pair, nothing waits for ever (the life ends with
/// everything delivered), and the writer's and reader's tables stay within their bounds. A failure shrinks to a short list of steps.
/// </summary>
public sealed class ChannelOrderingProperties
{
    private const int Pairs = 6;

    [Property(MaxTest = 500)]
    public Property Two_channels_deliver_every_message_once_in_order_per_pair_and_never_stall() =>
        Prop.ForAll(Operations(), Gen.Elements(1, 2, 4096).ToArbitrary(), Gen.Elements(1, 3, 64).ToArbitrary(), Check);

    private static Property Check(ChannelOperation[] operations, int pairsLimit, int heldLimit)
    {
        var failure = Run(operations, pairsLimit, heldLimit);
        return (failure is null).Label(failure ?? "ok")
            .Label($"pairs-limit {pairsLimit}, held-limit {heldLimit}: {string.Join(", ", operations.Select(o => o.ToString()))}");
    }

    private static string? Run(ChannelOperation[] operations, int pairsLimit, int heldLimit)
    {
        var harness = new TwoChannelHarness(pairsLimit, heldLimit);
        foreach (var operation in operations)
        {
            if (harness.Apply(operation) is { } broken)
            {
                return $"after {operation}: {broken}";
            }
        }

        if (!harness.Finish())
        {
            return $"stalled: delivered {harness.Delivered.Count} of {harness.Sent.Count} ({string.Join(" ", harness.Delivered)})";
        }

        var delivered = harness.Delivered.Select(m => m.Number).ToList();
        if (delivered.Count != harness.Sent.Count || delivered.Distinct().Count() != delivered.Count)
        {
            return $"delivered {string.Join(" ", harness.Delivered)}, sent {harness.Sent.Count}";
        }

        foreach (var pair in harness.Delivered.GroupBy(m => m.Pair))
        {
            var numbers = pair.Select(m => m.Number).ToList();
            if (!numbers.SequenceEqual(numbers.Order()))
            {
                return $"p{pair.Key} out of order: {string.Join(" ", pair)} (all: {string.Join(" ", harness.Delivered)})";
            }
        }

        return null;
    }

    private static Arbitrary<ChannelOperation[]> Operations() =>
        Arb.From(Gen.ListOf(Operation()).Select(list => list.ToArray()), Shrink);

    private static Gen<ChannelOperation> Operation() =>
        Gen.Frequency(
            (20, from pair in Gen.Choose(0, Pairs - 1) from large in Gen.Frequency((2, Gen.Constant(false)), (1, Gen.Constant(true))) select (ChannelOperation)new SendOnPair(pair, large)),
            (2, Gen.Constant((ChannelOperation)new OpenLargeChannel())),
            (6, Gen.Choose(1, 8).Select(n => (ChannelOperation)new ReadSmall(n))),
            (3, Gen.Choose(1, 4).Select(n => (ChannelOperation)new ReadLarge(n))));

    /// <summary>Shorter lives first (halves, then single steps left out), then sends moved to pair 0.</summary>
    private static IEnumerable<ChannelOperation[]> Shrink(ChannelOperation[] operations)
    {
        for (var length = operations.Length / 2; length >= 1; length /= 2)
        {
            for (var start = 0; start + length <= operations.Length; start += length)
            {
                yield return [.. operations[..start], .. operations[(start + length)..]];
            }
        }

        for (var i = 0; i < operations.Length; i++)
        {
            if (operations[i] is SendOnPair { Pair: > 0 } send)
            {
                var copy = (ChannelOperation[])operations.Clone();
                copy[i] = send with { Pair = 0 };
                yield return copy;
            }
        }
    }
}
