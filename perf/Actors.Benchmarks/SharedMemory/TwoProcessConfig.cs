using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Actors.Benchmarks.SharedMemory;

/// <summary>
/// Two-process benchmarks run in the benchmark host process itself (the peer process is the second
/// process), with a short, fixed schedule: each mechanism's peer is started once per parameter set.
/// </summary>
public sealed class TwoProcessConfig : ManualConfig
{
    public TwoProcessConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithId("two-process"));
    }
}
