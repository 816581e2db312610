using System.Diagnostics;
using Actors.Perf.Partner;
using Actors.Supervision;

namespace Actors.Perf.Tests;

/// <summary>A partner process never outlives the suite that started it, even when the suite is killed.</summary>
public sealed class PartnerLifetimeSpec
{
    private static readonly TimeSpan PartnerStartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PartnerExitTimeout = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData("raw-uds")]
    [InlineData("uds")]
    public async Task Killing_the_suite_with_SIGKILL_ends_its_partner(string contender)
    {
        var outDirectory = Directory.CreateTempSubdirectory("actors-perf-test-").FullName;
        var program = Path.Combine(AppContext.BaseDirectory, "Actors.Perf.dll");
        var startInfo = ProgramStartInfo.Create(program, ["--transports", contender, "--duration", "30", "--out", outDirectory]);

        // The killed suite cannot remove its socket files and scratch directories: give it a runtime
        // and a temporary directory this test removes.
        startInfo.Environment["XDG_RUNTIME_DIR"] = outDirectory;
        startInfo.Environment["TMPDIR"] = outDirectory;
        using var suite = Process.Start(startInfo)!;
        suite.StandardInput.Close();
        suite.BeginOutputReadLine();
        suite.BeginErrorReadLine();
        var partners = new List<int>();
        try
        {
            partners.AddRange(await WaitForPartnersAsync(suite.Id));
            Assert.NotEmpty(partners);

            suite.Kill(entireProcessTree: false);
            await suite.WaitForExitAsync().WaitAsync(PartnerExitTimeout);

            var deadline = Stopwatch.StartNew();
            while (partners.Any(IsPartner) && deadline.Elapsed < PartnerExitTimeout)
            {
                await Task.Delay(100);
            }

            Assert.False(partners.Any(IsPartner), $"partner(s) {string.Join(", ", partners.Where(IsPartner))} still running {PartnerExitTimeout.TotalSeconds:0} s after the suite was killed");
        }
        finally
        {
            if (!suite.HasExited)
            {
                suite.Kill(entireProcessTree: true);
            }

            foreach (var pid in partners.Where(IsPartner))
            {
                Process.GetProcessById(pid).Kill();
            }

            Directory.Delete(outDirectory, recursive: true);
        }
    }

    // The suite's children that run the partner subcommand, once at least one is up.
    private static async Task<IReadOnlyList<int>> WaitForPartnersAsync(int suitePid)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < PartnerStartTimeout)
        {
            var partners = ChildrenOf(suitePid).Where(IsPartner).ToList();
            if (partners.Count > 0)
            {
                return partners;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the suite started no partner within {PartnerStartTimeout.TotalSeconds:0} s");
    }

    private static IEnumerable<int> ChildrenOf(int pid)
    {
        try
        {
            return Directory.GetDirectories($"/proc/{pid}/task")
                .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(int.Parse)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool IsPartner(int pid)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            return arguments.Contains(ThisProgram.PartnerCommand) && arguments.Any(a => a.EndsWith("Actors.Perf.dll", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
