using System.Buffers;
using System.Buffers.Binary;
using Actors.Remote.Framing;
using Actors.Remote.Streams;

namespace Actors.Remote.Tests.Streams;

public sealed class OutboundBufferTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public void TakeBatch_FramesQueuedTogether_ComeOutInOneBatchInOrderWithLengthHeaders()
    {
        var buffer = new OutboundBuffer(1024);
        byte[][] payloads = [[1, 2, 3], [], [4], Enumerable.Range(0, 300).Select(i => (byte)i).ToArray()];
        foreach (var payload in payloads)
        {
            Assert.True(buffer.TryEnqueue(payload, out _));
        }

        var batch = buffer.TakeBatch().ToArray();

        var expected = new List<byte>();
        foreach (var payload in payloads)
        {
            var header = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
            expected.AddRange(header);
            expected.AddRange(payload);
        }

        Assert.Equal(expected.ToArray(), batch);
        Assert.Equal(new byte[] { 3, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 1, 0, 0, 0, 4, 44, 1, 0, 0 }, batch[..20]);
        Assert.True(buffer.TakeBatch().IsEmpty);
    }

    [Fact]
    public void TakeBatch_NothingQueued_ReturnsEmpty()
    {
        var buffer = new OutboundBuffer(1024);

        Assert.True(buffer.TakeBatch().IsEmpty);
    }

    [Fact]
    public void TryEnqueue_AfterIdle_WakesTheSenderOnlyUntilTakeBatchFindsTheBufferEmpty()
    {
        var buffer = new OutboundBuffer(1024);

        Assert.True(buffer.TryEnqueue([1], out var firstWake));
        Assert.True(buffer.TryEnqueue([2], out var secondWake));
        Assert.True(firstWake);
        Assert.False(secondWake);

        // The loop took frames, so it is still running and will call TakeBatch again: no wake.
        Assert.False(buffer.TakeBatch().IsEmpty);
        Assert.True(buffer.TryEnqueue([3], out var wakeWhileDraining));
        Assert.False(wakeWhileDraining);
        Assert.False(buffer.TakeBatch().IsEmpty);

        // The loop found nothing and goes idle: the next frame must wake it.
        Assert.True(buffer.TakeBatch().IsEmpty);
        Assert.True(buffer.TryEnqueue([4], out var wakeAfterIdle));
        Assert.True(wakeAfterIdle);
        Assert.True(buffer.TryEnqueue([5], out var wakeAgain));
        Assert.False(wakeAgain);
    }

    [Fact]
    public void TryEnqueue_CapacityReached_ReturnsFalseQueuesNothingAndCountsTheRefusal()
    {
        // Two frames of 4 + 28 bytes fill 64 bytes exactly.
        var buffer = new OutboundBuffer(64);
        var first = Filled(28, 0x11);
        var second = Filled(28, 0x22);

        Assert.True(buffer.TryEnqueue(first, out _));
        Assert.True(buffer.TryEnqueue(second, out _));
        Assert.False(buffer.TryEnqueue([0x33], out var wakeOnRefusal));
        Assert.False(buffer.TryEnqueue([], out _));

        Assert.False(wakeOnRefusal);
        Assert.Equal(2, buffer.RefusedCount);
        Assert.Equal(new[] { first, second }, Decode(buffer.TakeBatch()));
    }

    [Fact]
    public void TryEnqueue_FrameOneByteOverWhatIsLeft_IsRefusedWhileOneThatFitsExactlyIsAccepted()
    {
        var buffer = new OutboundBuffer(64);
        Assert.True(buffer.TryEnqueue(Filled(20, 1), out _));

        // 24 bytes used, 40 left: a 37-byte payload needs 41, a 36-byte one needs 40.
        Assert.False(buffer.TryEnqueue(Filled(37, 2), out _));
        Assert.True(buffer.TryEnqueue(Filled(36, 3), out _));

        Assert.Equal(1, buffer.RefusedCount);
        Assert.Equal(new[] { Filled(20, 1), Filled(36, 3) }, Decode(buffer.TakeBatch()));
    }

    [Fact]
    public void TryEnqueue_AfterTakeBatch_HasRoomAgain()
    {
        var buffer = new OutboundBuffer(64);
        Assert.True(buffer.TryEnqueue(Filled(60, 1), out _));
        Assert.False(buffer.TryEnqueue(Filled(1, 2), out _));

        Assert.Single(Decode(buffer.TakeBatch()));

        Assert.True(buffer.TryEnqueue(Filled(60, 3), out _));
        Assert.Equal(new[] { Filled(60, 3) }, Decode(buffer.TakeBatch()));
        Assert.Equal(1, buffer.RefusedCount);
    }

    [Fact]
    public void TakeBatch_ThenMoreFramesQueued_PreviousBatchStaysIntactUntilTheNextTake()
    {
        var buffer = new OutboundBuffer(1024);
        Assert.True(buffer.TryEnqueue(Filled(100, 0xAB), out _));
        var batch = buffer.TakeBatch();
        var copy = batch.ToArray();

        for (var i = 0; i < 8; i++)
        {
            Assert.True(buffer.TryEnqueue(Filled(100, 0xCD), out _));
        }

        Assert.Equal(copy, batch.ToArray());
        Assert.Equal(8, Decode(buffer.TakeBatch()).Count);
    }

    [Fact]
    public void TryEnqueue_MoreThanTheInitialBufferLength_GrowsAndKeepsEveryFrame()
    {
        var buffer = new OutboundBuffer(1024 * 1024);
        var payloads = Enumerable.Range(0, 200).Select(i => Filled(1000, (byte)i)).ToArray();
        foreach (var payload in payloads)
        {
            Assert.True(buffer.TryEnqueue(payload, out _));
        }

        Assert.Equal(payloads, Decode(buffer.TakeBatch()));
        Assert.Equal(0, buffer.RefusedCount);
    }

    [Fact]
    public void Complete_WithFramesQueued_RefusesNewFramesButTheQueuedOnesCanStillBeTaken()
    {
        var buffer = new OutboundBuffer(1024);
        Assert.True(buffer.TryEnqueue([1], out _));
        Assert.True(buffer.TryEnqueue([2], out _));

        Assert.True(buffer.Complete());
        Assert.False(buffer.Complete());

        Assert.False(buffer.TryEnqueue([3], out var wake));
        Assert.False(wake);
        Assert.False(buffer.IsCompletedAndEmpty);
        Assert.Equal(0, buffer.RefusedCount);

        Assert.Equal(new byte[][] { [1], [2] }, Decode(buffer.TakeBatch()));
        Assert.True(buffer.IsCompletedAndEmpty);
        Assert.True(buffer.TakeBatch().IsEmpty);
    }

    [Fact]
    public void IsCompletedAndEmpty_NotCompleted_IsFalseEvenWhenEmpty()
    {
        var buffer = new OutboundBuffer(1024);

        Assert.False(buffer.IsCompletedAndEmpty);
        buffer.Complete();
        Assert.True(buffer.IsCompletedAndEmpty);
    }

    [Fact]
    public async Task TryEnqueue_FourThreadsAgainstOneDrainingSender_LosesNothingAndKeepsPerThreadOrder()
    {
        const int producers = 4;
        const int framesPerProducer = 10_000;

        // Small enough that producers keep hitting the capacity and must retry.
        var buffer = new OutboundBuffer(4096);
        var wake = new SemaphoreSlim(0);
        var refusals = 0L;
        var nextSequence = new int[producers];
        var received = 0;
        var batches = 0;
        var failure = default(string);

        var sender = Task.Factory.StartNew(
            () =>
            {
                while (true)
                {
                    var batch = buffer.TakeBatch();
                    if (batch.IsEmpty)
                    {
                        if (buffer.IsCompletedAndEmpty)
                        {
                            return;
                        }

                        // A lost wake-up leaves the sender asleep with frames queued: fail rather than hang.
                        if (!wake.Wait(TimeSpan.FromSeconds(10)))
                        {
                            failure ??= "the sender was never woken although frames were queued";
                            return;
                        }

                        continue;
                    }

                    batches++;
                    var sequence = new ReadOnlySequence<byte>(batch);
                    while (FrameCodec.TryDecode(ref sequence, 64, out var frame))
                    {
                        var bytes = frame.ToArray();
                        var producer = bytes[0];
                        var seq = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(1));
                        if (seq != nextSequence[producer])
                        {
                            failure ??= $"producer={producer}: expected seq={nextSequence[producer]}, got seq={seq}";
                        }

                        nextSequence[producer] = seq + 1;
                        received++;
                    }

                    if (!sequence.IsEmpty)
                    {
                        failure ??= $"a batch ended inside a frame: {sequence.Length} bytes left";
                    }
                }
            },
            TaskCreationOptions.LongRunning);

        var producerTasks = Enumerable.Range(0, producers).Select(p => Task.Factory.StartNew(
            () =>
            {
                Span<byte> payload = stackalloc byte[5];
                payload[0] = (byte)p;
                for (var seq = 0; seq < framesPerProducer; seq++)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(payload[1..], seq);
                    bool wakeSender;
                    while (!buffer.TryEnqueue(payload, out wakeSender))
                    {
                        Interlocked.Increment(ref refusals);
                        Thread.Yield();
                    }

                    if (wakeSender)
                    {
                        wake.Release();
                    }
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();

        await Task.WhenAll(producerTasks).WaitAsync(Bound);
        buffer.Complete();
        wake.Release();
        await sender.WaitAsync(Bound);

        Assert.Null(failure);
        Assert.Equal(producers * framesPerProducer, received);
        Assert.All(nextSequence, next => Assert.Equal(framesPerProducer, next));
        Assert.Equal(Interlocked.Read(ref refusals), buffer.RefusedCount);
        Assert.True(batches < received, $"batches={batches}, frames={received}: frames never shared a batch");
    }

    private static byte[] Filled(int length, byte value) => Enumerable.Repeat(value, length).ToArray();

    private static List<byte[]> Decode(ReadOnlyMemory<byte> batch)
    {
        var sequence = new ReadOnlySequence<byte>(batch);
        var frames = new List<byte[]>();
        while (FrameCodec.TryDecode(ref sequence, int.MaxValue, out var frame))
        {
            frames.Add(frame.ToArray());
        }

        Assert.True(sequence.IsEmpty, $"the batch ended inside a frame: {sequence.Length} bytes left");
        return frames;
    }
}
