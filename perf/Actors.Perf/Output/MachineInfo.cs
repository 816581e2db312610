using System.Runtime.InteropServices;

namespace Actors.Perf.Output;

/// <summary>The machine a run measured, for results.json and the README's table.</summary>
public sealed record MachineInfo(int Cores, string CpuModel, bool Virtualized, string Os, string DotNet, string ProcessArchitecture)
{
    public static MachineInfo Current()
    {
        var cpuInfo = ReadCpuInfo();
        var model = cpuInfo.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) is { } line
            ? line[(line.IndexOf(':') + 1)..].Trim()
            : "unknown";
        var virtualized = cpuInfo.Any(l => l.StartsWith("flags", StringComparison.Ordinal) && l.Contains(" hypervisor", StringComparison.Ordinal));
        return new MachineInfo(
            Environment.ProcessorCount,
            model,
            virtualized,
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            RuntimeInformation.ProcessArchitecture.ToString());
    }

    public override string ToString() =>
        $"{Cores} cores, {CpuModel}{(Virtualized ? " (virtual machine)" : "")}, {Os}, {DotNet}";

    private static string[] ReadCpuInfo()
    {
        try
        {
            return File.ReadAllLines("/proc/cpuinfo");
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}
