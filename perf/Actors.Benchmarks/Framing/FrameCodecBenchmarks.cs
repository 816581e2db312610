using System.Buffers;
using Actors.Remote.Framing;
using BenchmarkDotNet.Attributes;

namespace Actors.Benchmarks.Framing;

/// <summary>Encoding and decoding one frame, from a control-message size up to a large user payload.</summary>
[MemoryDiagnoser]
public class FrameCodecBenchmarks
{
    private byte[] _payload = [];
    private byte[] _destination = [];
    private ReadOnlySequence<byte> _encoded;

    [Params(16, 1024, 64 * 1024)]
    public int PayloadLength { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _payload = new byte[PayloadLength];
        new Random(42).NextBytes(_payload);
        _destination = new byte[FrameCodec.HeaderLength + PayloadLength];
        var encoded = new byte[FrameCodec.HeaderLength + PayloadLength];
        FrameCodec.Encode(_payload, encoded);
        _encoded = new ReadOnlySequence<byte>(encoded);
    }

    // Expected allocations: none (0 B). A header write and a span copy into a caller's buffer.
    [Benchmark]
    public int Encode() => FrameCodec.Encode(_payload, _destination);

    // Expected allocations: none (0 B). The payload is a slice of the input sequence, not a copy.
    [Benchmark]
    public long Decode()
    {
        var buffer = _encoded;
        return FrameCodec.TryDecode(ref buffer, int.MaxValue, out var payload) ? payload.Length : -1;
    }
}
