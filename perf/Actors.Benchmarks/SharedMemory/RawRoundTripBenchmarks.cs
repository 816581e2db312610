using Actors.RingPeer;
using BenchmarkDotNet.Attributes;

namespace Actors.Benchmarks.SharedMemory;

/// <summary>
/// Round-trip latency between two processes with no actors: one 64-byte record out, the peer sends
/// it back, one in flight at a time. The reported mean is the time of one round trip.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TwoProcessConfig))]
public class RawRoundTripBenchmarks
{
    private const int RoundTripsPerInvoke = 20_000;
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);

    private IRawPeer _peer = null!;
    private readonly byte[] _record = new byte[64];
    private readonly byte[] _reply = new byte[64];

    [Params("shm-busy-spin", "shm-parking", "uds")]
    public string Mechanism { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _peer = RawPeers.Start(Mechanism, PeerMode.Echo);

    [GlobalCleanup]
    public void Cleanup() => _peer.Dispose();

    [Benchmark(OperationsPerInvoke = RoundTripsPerInvoke)]
    public int PingPong()
    {
        var total = 0;
        for (var i = 0; i < RoundTripsPerInvoke; i++)
        {
            _peer.Send(_record);
            _peer.Flush();
            total += _peer.ReceiveOne(_reply, ReplyTimeout);
        }

        return total;
    }
}
