using BenchmarkDotNet.Running;

namespace Actors.Benchmarks;

/// <summary>
/// Micro benchmarks of the public Actors.Remote API. Pick them with BenchmarkDotNet's switches, e.g.
/// <c>dotnet run -c Release --project perf/Actors.Benchmarks -- --filter '*FrameCodec*'</c>.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
