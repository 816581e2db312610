using System.Diagnostics;
using Actors.Supervision;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace Actors.MultiProcess.Tests;

/// <summary>
/// A child must not outlive its parent: when the parent is killed with SIGKILL, the child's link closes
/// (the anonymous pipe, or the standard input a supervisor's child is linked by), its actor system
/// terminates and the child process exits.
/// </summary>
public sealed class ChildOutlivesNoParentSpec(ITestOutputHelper output)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData("apipe.conf", "--spawn-child")]
    [InlineData("uds.conf", "--supervise-child")]
    public async Task Child_exits_when_its_parent_is_killed(string configFile, string howTheParentStartsIt)
    {
        var peerDll = Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll");
        var config = Path.Combine(AppContext.BaseDirectory, "HOCON", configFile);
        await using var parent = await ChildActorSystem.StartAsync(peerDll, ["--config", config, howTheParentStartsIt], ReadyTimeout);
        var childPid = int.Parse(parent.Output.Single(line => line.StartsWith("CHILD ", StringComparison.Ordinal))["CHILD ".Length..]);
        using var child = Process.GetProcessById(childPid);
        try
        {
            Assert.False(child.HasExited, "the child should be running while its parent lives");

            var sinceKill = Stopwatch.StartNew();
            parent.Kill();
            await child.WaitForExitAsync().WaitAsync(ExitBound);

            output.WriteLine($"{howTheParentStartsIt}: child pid {childPid} exited {sinceKill.ElapsedMilliseconds} ms after its parent's SIGKILL");
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill();
            }

            await ReclaimWhatTheKilledParentLeftAsync(config);
        }
    }

    /// <summary>
    /// The SIGKILLed parent could not remove its own listener file; the next system on the same transport
    /// reclaims it, as it would after any crash. Started here so that the test leaves nothing behind.
    /// </summary>
    private static async Task ReclaimWhatTheKilledParentLeftAsync(string config)
    {
        var system = ActorSystem.Create("reclaimer", ConfigurationFactory.ParseString(File.ReadAllText(config)));
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
