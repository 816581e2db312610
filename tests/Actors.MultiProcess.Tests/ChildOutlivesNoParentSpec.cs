using System.Diagnostics;
using Actors.Supervision;
using Xunit.Abstractions;

namespace Actors.MultiProcess.Tests;

/// <summary>
/// A child started over an anonymous pipe must not outlive its parent: when the parent is killed with
/// SIGKILL, the pipe closes and the child's actor system terminates, so the child process exits.
/// </summary>
public sealed class ChildOutlivesNoParentSpec(ITestOutputHelper output)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Child_over_anonymous_pipe_exits_when_its_parent_is_killed()
    {
        var peerDll = Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll");
        var config = Path.Combine(AppContext.BaseDirectory, "HOCON", "apipe.conf");
        await using var parent = await ChildActorSystem.StartAsync(peerDll, ["--config", config, "--spawn-child"], ReadyTimeout);
        var childPid = int.Parse(parent.Output.Single(line => line.StartsWith("CHILD ", StringComparison.Ordinal))["CHILD ".Length..]);
        using var child = Process.GetProcessById(childPid);
        try
        {
            Assert.False(child.HasExited, "the child should be running while its parent lives");

            var sinceKill = Stopwatch.StartNew();
            parent.Kill();
            await child.WaitForExitAsync().WaitAsync(ExitBound);

            output.WriteLine($"child pid {childPid} exited {sinceKill.ElapsedMilliseconds} ms after its parent's SIGKILL");
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill();
            }
        }
    }
}
