using System.Buffers;
using System.Buffers.Binary;
using Actors.Remote.Framing;

using static Actors.Remote.Tests.Support.FrameBytes;

namespace Actors.Remote.Tests.Framing;

public sealed class FrameCodecTests
{
    private const int MaximumFrameLength = 1024 * 1024;

    [Fact]
    public void Encode_Payload_WritesLittleEndianLengthThenPayload()
    {
        var payload = new byte[] { 0xAA, 0xBB, 0xCC };
        var destination = new byte[16];

        var written = FrameCodec.Encode(payload, destination);

        Assert.Equal(FrameCodec.HeaderLength + payload.Length, written);
        Assert.Equal(new byte[] { 3, 0, 0, 0, 0xAA, 0xBB, 0xCC }, destination[..written]);
    }

    [Fact]
    public void TryDecode_EncodedFrame_RoundTripsPayloadAndConsumesBuffer()
    {
        var payload = Payload(300, seed: 1);
        var buffer = new ReadOnlySequence<byte>(EncodeFrames(payload));

        Assert.True(FrameCodec.TryDecode(ref buffer, MaximumFrameLength, out var decoded));

        Assert.Equal(payload, decoded.ToArray());
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void TryDecode_ZeroLengthFrame_DecodesEmptyPayload()
    {
        var encoded = EncodeFrames(Array.Empty<byte>());
        Assert.Equal(FrameCodec.HeaderLength, encoded.Length);
        var buffer = new ReadOnlySequence<byte>(encoded);

        Assert.True(FrameCodec.TryDecode(ref buffer, MaximumFrameLength, out var decoded));

        Assert.True(decoded.IsEmpty);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void TryDecode_FrameSplitInTwoAtEveryByteBoundary_DecodesSamePayload()
    {
        var payload = Payload(11, seed: 2);
        var encoded = EncodeFrames(payload);

        for (var split = 1; split < encoded.Length; split++)
        {
            var buffer = Segmented(encoded[..split], encoded[split..]);
            Assert.False(buffer.IsSingleSegment);

            Assert.True(FrameCodec.TryDecode(ref buffer, MaximumFrameLength, out var decoded), $"split={split}");

            Assert.Equal(payload, decoded.ToArray());
            Assert.True(buffer.IsEmpty, $"split={split}");
        }
    }

    [Fact]
    public void TryDecode_FrameSplitInThreeAtEveryPairOfByteBoundaries_DecodesSamePayload()
    {
        var payload = Payload(9, seed: 3);
        var encoded = EncodeFrames(payload);

        for (var first = 1; first < encoded.Length - 1; first++)
        {
            for (var second = first + 1; second < encoded.Length; second++)
            {
                var buffer = Segmented(encoded[..first], encoded[first..second], encoded[second..]);

                Assert.True(FrameCodec.TryDecode(ref buffer, MaximumFrameLength, out var decoded), $"splits={first},{second}");

                Assert.Equal(payload, decoded.ToArray());
                Assert.True(buffer.IsEmpty, $"splits={first},{second}");
            }
        }
    }

    [Fact]
    public void TryDecode_EveryByteInItsOwnSegment_DecodesSamePayload()
    {
        var payload = Payload(20, seed: 4);
        var encoded = EncodeFrames(payload);
        var buffer = Segmented(encoded.Select(b => new[] { b }).ToArray());

        Assert.True(FrameCodec.TryDecode(ref buffer, MaximumFrameLength, out var decoded));

        Assert.Equal(payload, decoded.ToArray());
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void TryDecode_SeveralFramesInOneBuffer_DecodesThemInOrder()
    {
        byte[][] payloads = [Payload(5, seed: 5), [], Payload(1, seed: 6), Payload(700, seed: 7)];
        var buffer = new ReadOnlySequence<byte>(EncodeFrames(payloads));

        var decoded = new List<byte[]>();
        while (FrameCodec.TryDecode(ref buffer, MaximumFrameLength, out var frame))
        {
            decoded.Add(frame.ToArray());
        }

        Assert.Equal(payloads, decoded);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void TryDecode_SeveralFramesAcrossSegments_DecodesThemInOrderAndKeepsTheTail()
    {
        byte[][] payloads = [Payload(3, seed: 8), Payload(6, seed: 9)];
        var encoded = EncodeFrames(payloads);

        // A third frame whose header is complete but whose payload is not, split mid-header too.
        var partial = EncodeFrames(Payload(10, seed: 10))[..7];
        var all = encoded.Concat(partial).ToArray();
        var buffer = Segmented(all[..5], all[5..19], all[19..]);

        Assert.True(FrameCodec.TryDecode(ref buffer, MaximumFrameLength, out var first));
        Assert.True(FrameCodec.TryDecode(ref buffer, MaximumFrameLength, out var second));
        Assert.False(FrameCodec.TryDecode(ref buffer, MaximumFrameLength, out _));

        Assert.Equal(payloads[0], first.ToArray());
        Assert.Equal(payloads[1], second.ToArray());
        Assert.Equal(partial, buffer.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TryDecode_HeaderIncomplete_ReturnsFalseAndLeavesBufferUntouched(int available)
    {
        var encoded = EncodeFrames(Payload(8, seed: 11));
        var original = new ReadOnlySequence<byte>(encoded, 0, available);
        var buffer = original;

        Assert.False(FrameCodec.TryDecode(ref buffer, MaximumFrameLength, out var payload));

        AssertUntouched(original, buffer);
        Assert.True(payload.IsEmpty);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(11)]
    public void TryDecode_PayloadIncomplete_ReturnsFalseAndLeavesBufferUntouched(int available)
    {
        var encoded = EncodeFrames(Payload(8, seed: 12));
        var original = new ReadOnlySequence<byte>(encoded, 0, available);
        var buffer = original;

        Assert.False(FrameCodec.TryDecode(ref buffer, MaximumFrameLength, out var payload));

        AssertUntouched(original, buffer);
        Assert.True(payload.IsEmpty);
    }

    [Fact]
    public void TryDecode_PayloadIncompleteAcrossSegments_ReturnsFalseAndLeavesBufferUntouched()
    {
        var encoded = EncodeFrames(Payload(8, seed: 13));
        var original = Segmented(encoded[..2], encoded[2..6], encoded[6..10]);
        var buffer = original;

        Assert.False(FrameCodec.TryDecode(ref buffer, MaximumFrameLength, out _));

        AssertUntouched(original, buffer);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void TryDecode_NegativeLength_ThrowsNamingTheLength(int length)
    {
        var buffer = new ReadOnlySequence<byte>(Header(length));

        var e = Assert.Throws<FrameDecodingException>(() => FrameCodec.TryDecode(ref buffer, MaximumFrameLength, out _));

        Assert.Contains($"length={length}", e.Message);
        Assert.Contains("negative", e.Message);
    }

    [Fact]
    public void TryDecode_NegativeLengthSplitAcrossSegments_Throws()
    {
        var header = Header(-2);
        var buffer = Segmented(header[..1], header[1..3], header[3..]);

        var e = Assert.Throws<FrameDecodingException>(() => FrameCodec.TryDecode(ref buffer, MaximumFrameLength, out _));

        Assert.Contains("length=-2", e.Message);
    }

    [Fact]
    public void TryDecode_LengthOneOverMaximum_ThrowsNamingLengthAndMaximumFrameSize()
    {
        const int maximum = 32_000;
        var buffer = new ReadOnlySequence<byte>(EncodeFrames(new byte[maximum + 1]));

        var e = Assert.Throws<FrameDecodingException>(() => FrameCodec.TryDecode(ref buffer, maximum, out _));

        Assert.Contains($"length={maximum + 1}", e.Message);
        Assert.Contains($"maximum-frame-size={maximum}", e.Message);
    }

    [Fact]
    public void TryDecode_LengthExactlyMaximum_Decodes()
    {
        const int maximum = 32_000;
        var payload = Payload(maximum, seed: 14);
        var buffer = new ReadOnlySequence<byte>(EncodeFrames(payload));

        Assert.True(FrameCodec.TryDecode(ref buffer, maximum, out var decoded));

        Assert.Equal(payload, decoded.ToArray());
    }

    [Fact]
    public void TryDecode_IntMaxValueLengthWithOnlyTheHeader_ThrowsBeforeAllocatingThePayload()
    {
        var buffer = new ReadOnlySequence<byte>(Header(int.MaxValue));
        FrameDecodingException? caught = null;

        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            FrameCodec.TryDecode(ref buffer, MaximumFrameLength, out _);
        }
        catch (FrameDecodingException e)
        {
            caught = e;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotNull(caught);
        Assert.Contains($"length={int.MaxValue}", caught.Message);
        Assert.Contains($"maximum-frame-size={MaximumFrameLength}", caught.Message);

        // The exception and its message cost a few KiB at most; a payload buffer would be 2 GiB.
        Assert.True(allocated < 64 * 1024, $"allocated={allocated} bytes while refusing the header");
    }

    [Fact]
    public void TryDecode_IntMaxValueLengthUnderAnIntMaxValueLimit_WaitsForMoreBytesWithoutAllocating()
    {
        var original = new ReadOnlySequence<byte>(Header(int.MaxValue));
        var buffer = original;

        var before = GC.GetAllocatedBytesForCurrentThread();
        var decoded = FrameCodec.TryDecode(ref buffer, int.MaxValue, out _);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(decoded);
        AssertUntouched(original, buffer);
        Assert.True(allocated < 1024, $"allocated={allocated} bytes while waiting for a payload");
    }

    private static void AssertUntouched(ReadOnlySequence<byte> original, ReadOnlySequence<byte> buffer)
    {
        Assert.Equal(original.Length, buffer.Length);
        Assert.True(original.Start.Equals(buffer.Start), "the buffer's start moved");
        Assert.True(original.End.Equals(buffer.End), "the buffer's end moved");
    }

    private static byte[] Payload(int length, int seed)
    {
        var payload = new byte[length];
        new Random(seed).NextBytes(payload);
        return payload;
    }
}
