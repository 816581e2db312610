using System.Buffers;
using Actors.Remote.Framing;
using BenchmarkDotNet.Attributes;

namespace Actors.Benchmarks.Framing;

/// <summary>Decoding what one socket read typically holds under load: many small frames back to back.</summary>
[MemoryDiagnoser]
public class FrameCodecBatchBenchmarks
{
    private const int FrameCount = 100;
    private const int PayloadLength = 16;

    private ReadOnlySequence<byte> _batch;

    [GlobalSetup]
    public void Setup()
    {
        var payload = new byte[PayloadLength];
        new Random(42).NextBytes(payload);
        var batch = new byte[FrameCount * (FrameCodec.HeaderLength + PayloadLength)];
        var offset = 0;
        for (var i = 0; i < FrameCount; i++)
        {
            offset += FrameCodec.Encode(payload, batch.AsSpan(offset));
        }

        _batch = new ReadOnlySequence<byte>(batch);
    }

    // Expected allocations: none (0 B). 100 TryDecode calls, each slicing the same sequence; the time is per batch.
    [Benchmark]
    public long DecodeBatchOf100SmallFrames()
    {
        var buffer = _batch;
        long total = 0;
        while (FrameCodec.TryDecode(ref buffer, int.MaxValue, out var payload))
        {
            total += payload.Length;
        }

        return total;
    }
}
