using Actors.Remote.FastLane;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Actors.Remote.Tests.FastLane;

/// <summary>
/// Whatever fences a peer writes (any numbers, for records it never sends too), the reader's ordering never throws,
/// holds no more than its limit while the lane is open, and once the lane closes tells every record it read exactly once:
/// a lying peer can only stall its own lane until it closes.
/// </summary>
public sealed class ChannelOrderingFuzzProperties
{
    private const int HeldLimit = 4;

    [Property(MaxTest = 1000)]
    public Property Any_fences_are_harmless_and_every_record_read_is_told_once_after_the_lane_closes() =>
        Prop.ForAll(Records(), Gen.Choose(1, 5).ArrayOf().ToArbitrary(), (records, steps) =>
        {
            var told = new List<int>();
            var ordering = new ChannelOrdering<int, int>(HeldLimit, told.Add);
            var small = new Queue<(int Number, int Pair, long Fence)>(records.Where(r => !r.Large).Select(r => (r.Number, r.Pair, r.Fence)));
            var large = new Queue<(int Number, long Fence)>(records.Where(r => r.Large).Select(r => (r.Number, r.Fence)));
            long smallRead = 0;

            void ReadSmall(int limit, bool closing)
            {
                for (var i = 0; i < limit && (closing || !ordering.IsFull) && small.TryDequeue(out var record); i++)
                {
                    smallRead++;
                    if (!ordering.TryHold(record.Pair, record.Fence, record.Number))
                    {
                        told.Add(record.Number);
                    }
                }

                ordering.SmallHandled(smallRead);
            }

            void ReadLarge(int limit)
            {
                for (var i = 0; i < limit && large.TryPeek(out var record) && ordering.WaitForSmall(record.Fence, () => true); i++)
                {
                    large.Dequeue();
                    told.Add(record.Number);
                    ordering.LargeDelivered();
                }
            }

            // The lane open: the readers take turns as far as the fences let them.
            foreach (var step in steps)
            {
                ReadSmall(step, closing: false);
                ReadLarge(step);
                if (ordering.HeldCount > HeldLimit)
                {
                    return false.Label($"{ordering.HeldCount} held, limit {HeldLimit}");
                }
            }

            // The lane closes: each reader reads what is left, then stops.
            ReadSmall(int.MaxValue, closing: true);
            ordering.SmallEnded();
            ReadLarge(int.MaxValue);
            ordering.LargeEnded();

            return (told.Order().SequenceEqual(records.Select(r => r.Number)) && ordering.HeldCount == 0)
                .Label($"told {string.Join(" ", told)}; {ordering.HeldCount} still held");
        });

    private static Arbitrary<(int Number, int Pair, bool Large, long Fence)[]> Records() =>
        (from pair in Gen.Choose(0, 3)
         from large in Gen.Elements(false, true)
         from fence in Gen.Frequency(
             (4, Gen.Constant(0L)),
             (4, Gen.Choose(1, 6).Select(n => (long)n)),
             (1, Gen.Elements(long.MaxValue, int.MaxValue + 1L)))
         select (pair, large, fence))
        .ArrayOf()
        .Select(records => records.Select((r, i) => (i, r.pair, r.large, r.fence)).ToArray())
        .ToArbitrary();
}
