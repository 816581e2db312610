using Akka.Actor;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Actors.Remote.Tests.FastLane.Model;

/// <summary>
/// The lane's writer and reader over a real ring and over a stream's frames, driven through random lives (many recipients and
/// senders, far more temporary senders than the table holds, Nobody senders, payloads from 0 bytes
/// to past the largest the lane takes, a full ring, the lane opening part-way, closing and
/// reopening, unserializable messages, missing recipients, quarantine) against <see cref="LaneModel"/>:
/// each message at exactly its recipient, with exactly its sender, in order, none lost or duplicated
/// except what the model predicts. A failure shrinks to a short list of steps.
/// </summary>
public sealed class LaneModelProperties : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("model", "akka.loglevel = WARNING");

    [Property(MaxTest = 300)]
    public Property The_lane_delivers_what_the_model_expects_with_any_table_size_and_no_pending_limit() =>
        Prop.ForAll(Operations(), Gen.Elements(2, 3, 8).ToArbitrary(), (operations, definitionsLimit) => Check(operations, definitionsLimit, pendingLimit: null));

    [Property(MaxTest = 200)]
    public Property The_lane_delivers_what_the_model_expects_with_a_pending_limit() =>
        Prop.ForAll(Operations(), Gen.Elements(1, 4).ToArbitrary(), (operations, pendingLimit) => Check(operations, definitionsLimit: 3, pendingLimit));

    [Property(MaxTest = 150)]
    public Property The_lane_over_a_stream_delivers_what_the_model_expects_with_any_table_size_and_no_pending_limit() =>
        Prop.ForAll(Operations(), Gen.Elements(2, 3, 8).ToArbitrary(), (operations, definitionsLimit) => Check(operations, definitionsLimit, pendingLimit: null, size => new StreamTestLink(size)));

    [Property(MaxTest = 100)]
    public Property The_lane_over_a_stream_delivers_what_the_model_expects_with_a_pending_limit() =>
        Prop.ForAll(Operations(), Gen.Elements(1, 4).ToArbitrary(), (operations, pendingLimit) => Check(operations, definitionsLimit: 3, pendingLimit, size => new StreamTestLink(size)));

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    private Property Check(LaneOperation[] operations, int definitionsLimit, int? pendingLimit, Func<int, ILaneTestLink>? carrier = null)
    {
        using var harness = new LaneHarness(_system, definitionsLimit, pendingLimit, carrier ?? (size => new RingTestLink(size)));
        var failure = harness.Run(operations);
        return (failure is null).Label(failure ?? "ok")
            .Label($"table {definitionsLimit}, pending-limit {pendingLimit?.ToString() ?? "off"}: {string.Join(", ", operations.Select(o => o.ToString()))}");
    }

    private static Arbitrary<LaneOperation[]> Operations() =>
        Arb.From(Gen.ListOf(Operation()).Select(list => list.ToArray()), Shrink);

    private static Gen<LaneOperation> Operation() =>
        Gen.Frequency(
            (30, Send()),
            (6, Gen.Choose(1, 40).Select(n => (LaneOperation)new Read(n))),
            (4, Gen.Constant((LaneOperation)new Drain())),
            (4, Gen.Constant((LaneOperation)new Open())),
            (1, Gen.Constant((LaneOperation)new Close())),
            (1, Gen.Constant((LaneOperation)new Quarantine())));

    private static Gen<LaneOperation> Send() =>
        from recipient in Gen.Choose(0, LaneHarness.Recipients - 1)
        from sender in Gen.Frequency(
            (2, Gen.Constant(SenderKind.Nobody)),
            (2, Gen.Constant(SenderKind.LongLived)),
            (4, Gen.Constant(SenderKind.NewTemporary)),
            (2, Gen.Constant(SenderKind.EarlierTemporary)))
        from senderIndex in Gen.Choose(0, 1000)
        from payload in Gen.Frequency(
            (5, Gen.Choose(0, 16)),
            (4, Gen.Choose(0, LaneHarness.MaximumPayloadBytes(0))),
            // Around the largest the lane takes (it depends on the message's number, 1 to 4 digits here) and past it.
            (2, Gen.Choose(LaneHarness.MaximumPayloadBytes(9999) - 2, LaneHarness.MaximumPayloadBytes(0) + 2)),
            (1, Gen.Choose(LaneHarness.MaximumPayloadBytes(0) + 1, 2 * LaneHarness.MaximumPayloadBytes(0))))
        from serializable in Gen.Frequency((15, Gen.Constant(true)), (1, Gen.Constant(false)))
        select (LaneOperation)new Send(recipient, sender, senderIndex, payload, serializable);

    /// <summary>Shorter lives first (halves, then single steps left out), then simpler sends.</summary>
    private static IEnumerable<LaneOperation[]> Shrink(LaneOperation[] operations)
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
            if (operations[i] is Send send && Simpler(send) is { } simpler)
            {
                var copy = (LaneOperation[])operations.Clone();
                copy[i] = simpler;
                yield return copy;
            }
        }
    }

    private static Send? Simpler(Send send) =>
        send.PayloadBytes > 0 ? send with { PayloadBytes = send.PayloadBytes / 2 }
        : send.Sender != SenderKind.Nobody ? send with { Sender = SenderKind.Nobody, SenderIndex = 0 }
        : send.Recipient > 0 ? send with { Recipient = 0 }
        : null;
}
