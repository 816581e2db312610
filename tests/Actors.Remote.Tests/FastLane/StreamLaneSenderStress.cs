using System.Buffers.Binary;
using System.Net.Sockets;
using Actors.Remote.FastLane;
using Actors.Remote.Sockets;
using Actors.Remote.Tests.Support;
using Akka.Event;

namespace Actors.Remote.Tests.FastLane;

/// <summary>
/// A stream lane's sender over a real socket, with many writers at once: the turn to write passes between the
/// sending threads (which write without waiting, under the writers' lock, as the lane's does) and the flusher
/// (which takes over what the socket did not take). The socket's buffers are small, so partial sends and
/// hand-overs happen thousands of times. The acceptable outcome is one: every writer's records arrive once,
/// whole, in its order; and when the connection fails or the sender is disposed mid-write, nothing hangs.
/// </summary>
public sealed class StreamLaneSenderStress
{
    private const int Writers = 8;
    private const int MaximumRecord = 300;
    private const int SocketBufferBytes = 4 * 1024;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static TheoryData<string, double> Carriers => new()
    {
        // Zero: a sending thread writes whenever the turn is free, the most hand-overs.
        { "tcp", 0 },
        { "uds", 0 },
        // The default: bursts go to the flusher, lone records leave on their sending thread.
        { "tcp", StreamLaneSender.DefaultQuietBeforeDirectWrite.TotalMicroseconds },
    };

    [Theory]
    [MemberData(nameof(Carriers))]
    public async Task Records_from_many_writers_arrive_once_whole_and_in_order_per_writer(string carrier, double quietMicroseconds)
    {
        const int recordsPerWriter = 10_000;
        var (local, peer) = await ConnectAsync(carrier);
        using var sender = Sender(local, TimeSpan.FromMicroseconds(quietMicroseconds), _ => { });
        using var reading = new Reading(peer);
        sender.Start();

        var writers = StartWriters(sender, recordsPerWriter, stop: null);
        Assert.True(writers.All(w => w.Join(Bound)), $"a writer did not finish: records arrived={reading.Count}");
        var arrived = reading.WaitFor(Writers * recordsPerWriter, Bound);

        Assert.Empty(reading.Wrong.Take(3));
        Assert.True(arrived, $"records arrived: {reading.Count} of {Writers * recordsPerWriter}");
        Assert.All(reading.NextSeq, next => Assert.Equal(recordsPerWriter, next));
    }

    [Fact]
    public async Task A_connection_that_fails_mid_write_ends_the_lane_and_no_writer_hangs()
    {
        var (local, peer) = await ConnectAsync("tcp");
        var ended = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sender = Sender(local, TimeSpan.Zero, reason => ended.TrySetResult(reason));
        sender.Start();
        using var stop = new CancellationTokenSource();
        var writers = StartWriters(sender, int.MaxValue, stop.Token);
        try
        {
            // The peer resets the connection while the writers write (a zero linger makes close send RST).
            peer.Socket.LingerState = new LingerOption(true, 0);
            peer.Dispose();

            var reason = await ended.Task.WaitAsync(Bound);
            Assert.Contains("lane connection", reason);
        }
        finally
        {
            stop.Cancel();
            Assert.True(writers.All(w => w.Join(Bound)), "a writer hung on a failed connection");
        }

        sender.Dispose();
        Assert.False(sender.TryEnter());
    }

    [Fact]
    public async Task Dispose_during_writes_returns_and_what_arrived_is_whole_and_in_order_per_writer()
    {
        var (local, peer) = await ConnectAsync("uds");
        var sender = Sender(local, TimeSpan.Zero, _ => { });
        using var reading = new Reading(peer);
        sender.Start();
        using var stop = new CancellationTokenSource();
        var writers = StartWriters(sender, int.MaxValue, stop.Token);
        try
        {
            // Some records have left before the sender goes.
            Assert.True(reading.WaitFor(1_000, Bound), $"records arrived: {reading.Count}");
            await Task.Run(sender.Dispose).WaitAsync(Bound);
        }
        finally
        {
            stop.Cancel();
            Assert.True(writers.All(w => w.Join(Bound)), "a writer hung on a disposed sender");
        }

        // The connection is closed: the reader sees its end after the records that made it.
        Assert.True(reading.WaitForEnd(Bound), "the reader did not see the connection end");
        Assert.Empty(reading.Wrong.Take(3));
        Assert.False(sender.TryEnter());
    }

    private static async Task<(NetworkStream Local, NetworkStream Peer)> ConnectAsync(string carrier)
    {
        var (local, peer) = carrier == "tcp" ? await ConnectedPairs.TcpAsync(Bound) : ConnectedPairs.Unix();
        // As the transports configure their sockets; with Nagle on, a small window makes TCP crawl at the delayed-ack pace.
        SocketOptions.Configure(local.Socket);
        // A small send buffer: it is full often, so sends are partial and the rest is handed over.
        local.Socket.SendBufferSize = SocketBufferBytes;
        return (local, peer);
    }

    private static StreamLaneSender Sender(NetworkStream connection, TimeSpan quiet, Action<string> ended) =>
        new(connection, "stress", "uds", new StreamRecordSink(MaximumRecord, capacity: 4 * 1024), ended, NoLogger.Instance, quiet);

    /// <summary>
    /// Writers that append records <c>[writer][seq][filler]</c> and flush, under one lock as the lane's writers do,
    /// until each wrote <paramref name="records"/> or <paramref name="stop"/> is cancelled. "No room" releases the lock and tries again.
    /// </summary>
    private static Thread[] StartWriters(StreamLaneSender sender, int records, CancellationToken? stop)
    {
        var gate = new Lock();
        var threads = Enumerable.Range(0, Writers).Select(writer => new Thread(() =>
        {
            for (var seq = 0; seq < records && stop?.IsCancellationRequested != true; seq++)
            {
                var record = Record(writer, seq);
                while (stop?.IsCancellationRequested != true)
                {
                    lock (gate)
                    {
                        if (!sender.TryEnter())
                        {
                            return;
                        }

                        if (sender.Records.TryWrite(record))
                        {
                            sender.Flush();
                            break;
                        }
                    }

                    Thread.Yield();
                }
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        return threads;
    }

    private static byte[] Record(int writer, int seq)
    {
        var record = new byte[8 + (seq * 7 % (MaximumRecord - 8))];
        BinaryPrimitives.WriteInt32LittleEndian(record, writer);
        BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(4), seq);
        record.AsSpan(8).Fill((byte)seq);
        return record;
    }

    /// <summary>A thread reading the peer's end with the lane's receiver and checking each record against its writer's next.</summary>
    private sealed class Reading : IDisposable
    {
        private readonly StreamLaneReceiver _receiver;
        private readonly Thread _thread;
        private readonly ManualResetEventSlim _ended = new();
        private volatile bool _stopping;
        private int _count;
    private int _wrongCount;

        public Reading(NetworkStream peer)
        {
            // A small buffer, so records are cut across reads.
            _receiver = new StreamLaneReceiver(peer, "stress", "uds", MaximumRecord, bufferLength: 1024);
            _thread = new Thread(Run);
            _thread.Start();
        }

        public int[] NextSeq { get; } = new int[Writers];

        public List<string> Wrong { get; } = [];

        public int Count => Volatile.Read(ref _count);

        public bool WaitFor(int count, TimeSpan bound)
        {
            var deadline = Environment.TickCount64 + (long)bound.TotalMilliseconds;
            // A record out of place ends the wait at once: what follows it cannot make up for it.
            while (Count < count && !_ended.IsSet && Volatile.Read(ref _wrongCount) == 0)
            {
                if (Environment.TickCount64 > deadline)
                {
                    return false;
                }

                _ended.Wait(TimeSpan.FromMilliseconds(10));
            }

            return Count >= count;
        }

        public bool WaitForEnd(TimeSpan bound) => _ended.Wait(bound);

        public void Dispose()
        {
            _stopping = true;
            _receiver.Dispose();
            _thread.Join(Bound);
            _ended.Dispose();
        }

        private void Run()
        {
            try
            {
                while (_receiver.Read(Check, int.MaxValue, ending: false) && !_stopping)
                {
                    _receiver.WaitForRecords(() => _stopping);
                }
            }
            catch (LaneProtocolException e)
            {
                Wrong.Add($"a frame cut wrong: {e.Message}");
                Interlocked.Increment(ref _wrongCount);
            }
            finally
            {
                _ended.Set();
            }
        }

        private void Check(ReadOnlySpan<byte> record)
        {
            var writer = BinaryPrimitives.ReadInt32LittleEndian(record);
            var seq = BinaryPrimitives.ReadInt32LittleEndian(record[4..]);
            if (writer is < 0 or >= Writers || seq != NextSeq[writer] || !record.SequenceEqual(Record(writer, seq)))
            {
                Wrong.Add($"writer {writer}: got seq {seq}, {record.Length} bytes; expected seq {(writer is >= 0 and < Writers ? NextSeq[writer] : -1)}");
                Interlocked.Increment(ref _wrongCount);
                return;
            }

            NextSeq[writer]++;
            Interlocked.Increment(ref _count);
        }
    }
}
