using Actors.Remote.FastLane;
using Actors.Remote.Tests.Support;
using Akka.Event;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Actors.Remote.Tests.FastLane;

/// <summary>
/// Whatever records a writer sends, whichever of them it flushes after, and whoever holds the turn to write
/// (the sending thread, the flusher, or each in turn as the socket fills), the peer reads exactly those records
/// in order once the last is flushed.
/// </summary>
public sealed class StreamLaneSenderProperties
{
    private const int MaximumRecord = 2048;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    // Zero: the sending thread writes whenever the turn is free; infinite: only the flusher writes; else the default.
    private static readonly TimeSpan[] Quiets = [TimeSpan.Zero, Timeout.InfiniteTimeSpan, StreamLaneSender.DefaultQuietBeforeDirectWrite];

    [Property(MaxTest = 40)]
    public Property The_peer_reads_the_records_written_in_order_whoever_holds_the_turn() =>
        Prop.ForAll(Writes(), Gen.Elements(Quiets).ToArbitrary(), (writes, quiet) =>
        {
            var (local, peer) = ConnectedPairs.Unix();
            // A small send buffer: large batches leave in pieces, and the rest is handed over.
            local.Socket.SendBufferSize = 4 * 1024;
            using var sender = new StreamLaneSender(local, "property", "uds", new StreamRecordSink(MaximumRecord, capacity: 8 * 1024), _ => { }, NoLogger.Instance, quiet);
            using var receiver = new StreamLaneReceiver(peer, "property", "uds", MaximumRecord, bufferLength: 4 * 1024);
            sender.Start();

            var writer = new Thread(() =>
            {
                foreach (var (record, flush) in writes)
                {
                    // No room: the batch in flight must leave first, so flush what waits and try again.
                    while (!sender.Records.TryWrite(record))
                    {
                        sender.Flush();
                        Thread.Yield();
                    }

                    if (flush)
                    {
                        sender.Flush();
                    }
                }

                sender.Flush();
            });
            writer.Start();

            var got = new List<byte[]>();
            var deadline = Environment.TickCount64 + (long)Bound.TotalMilliseconds;
            while (got.Count < writes.Length && Environment.TickCount64 < deadline)
            {
                receiver.Read(r => got.Add(r.ToArray()), int.MaxValue, ending: false);
                if (got.Count < writes.Length)
                {
                    receiver.WaitForRecords(() => Environment.TickCount64 >= deadline);
                }
            }

            var finished = writer.Join(Bound);
            var same = got.Count == writes.Length && got.Zip(writes).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second.Record));
            return (finished && same).Label($"quiet={quiet}: {got.Count} of {writes.Length} records read, in order: {same}, writer finished: {finished}");
        });

    private static Arbitrary<(byte[] Record, bool Flush)[]> Writes() =>
        Gen.Choose(1, MaximumRecord)
            .SelectMany(length => Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(length))
            .SelectMany(record => Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false))).Select(flush => (record, flush)))
            .ArrayOf()
            .ToArbitrary();
}
