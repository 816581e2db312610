using Actors.RingPeer;
using BenchmarkDotNet.Attributes;

namespace Actors.Benchmarks.SharedMemory;

/// <summary>
/// One-way throughput between two processes with no actors at all: this process writes records as
/// fast as the mechanism takes them, the peer process drains and counts them; each invocation ends
/// with a fence the peer answers, so the time covers delivery, not just queuing.
/// Records per second = 1e9 / the reported mean (ns per record).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TwoProcessConfig))]
public class RawOneWayBenchmarks
{
    private const int RecordsPerInvoke = 200_000;
    private static readonly TimeSpan FenceTimeout = TimeSpan.FromSeconds(60);

    private IRawPeer _peer = null!;
    private byte[] _record = [];
    private long _sequence;

    [Params("shm-parking", "uds")]
    public string Mechanism { get; set; } = "";

    [Params(64, 1024)]
    public int PayloadBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _peer = RawPeers.Start(Mechanism, PeerMode.Sink);
        _record = new byte[PayloadBytes];
    }

    [GlobalCleanup]
    public void Cleanup() => _peer.Dispose();

    [Benchmark(OperationsPerInvoke = RecordsPerInvoke)]
    public SinkReport SendRecords()
    {
        for (var i = 0; i < RecordsPerInvoke; i++)
        {
            // The sink checks the order by the sequence number in the first 8 bytes.
            BitConverter.TryWriteBytes(_record, _sequence++);
            _peer.Send(_record);
            if ((i & 1023) == 0)
            {
                _peer.Flush();
            }
        }

        var report = _peer.Fence(FenceTimeout);
        return report.OutOfOrder == 0 && report.NextExpected == _sequence
            ? report
            : throw new InvalidOperationException($"the peer saw {report}; expected {_sequence} records in order");
    }
}
