using Actors.Coordination;
using Akka.Configuration;
using Akka.Coordination;
using BenchmarkDotNet.Attributes;

namespace Actors.Benchmarks.Coordination;

/// <summary>
/// One uncontended acquire and release of a lock across processes, against an in-process
/// <see cref="SemaphoreSlim"/> for scale and the two bare fcntl calls beneath (<c>F_OFD_SETLK</c> lock, unlock).
/// </summary>
[MemoryDiagnoser]
public class LeaseBenchmarks
{
    private readonly SemaphoreSlim _inProcess = new(1, 1);
    private string _directory = string.Empty;
    private ProcessLease _lease = null!;
    private ProcessSemaphore _semaphore = null!;
    private LockFile _lockFile = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("actors-lease-bench-").FullName;
        var config = ConfigurationFactory.ParseString($"directory = \"{_directory}\"");
        var timeouts = new TimeoutSettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(5));
        _lease = new ProcessLease(new LeaseSettings("bench", "owner", timeouts, config));
        _semaphore = ProcessSemaphore.Open("bench", 4, CoordinationSettings.Default with { Directory = _directory });
        _lockFile = LockFile.Open(Path.Combine(_directory, "raw.lock"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _lease.Release().Wait();
        _semaphore.Dispose();
        _lockFile.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    // Expected allocations: none. Two uncontended interlocked operations.
    [Benchmark(Baseline = true)]
    public void SemaphoreSlim_wait_and_release()
    {
        _inProcess.Wait();
        _inProcess.Release();
    }

    // Expected allocations: none. Two fcntl(2) calls.
    [Benchmark]
    public bool Ofd_lock_and_unlock()
    {
        var taken = _lockFile.TryLock(0);
        _lockFile.Unlock(0);
        return taken;
    }

    // Expected allocations: the permit and its CancellationTokenSource. A statx(2) (is the file still at
    // its path?) and the two fcntl(2) calls.
    [Benchmark]
    public bool ProcessSemaphore_try_acquire_and_release()
    {
        using var permit = _semaphore.TryAcquire();
        return permit is not null;
    }

    // Expected allocations: as the semaphore's, plus two completed Task<bool> (Akka's API is async).
    [Benchmark]
    public async Task<bool> ProcessLease_acquire_and_release()
    {
        var taken = await _lease.Acquire();
        await _lease.Release();
        return taken;
    }
}
