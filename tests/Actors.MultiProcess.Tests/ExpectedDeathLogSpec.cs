using Actors.Supervision;
using Actors.TestPeer;
using Xunit.Abstractions;

namespace Actors.MultiProcess.Tests;

/// <summary>
/// What a user reads in the log when a peer is SIGKILLed: two real peers on a shipped config with
/// Akka's default console logging (INFO), one watching the other; the test kills the watched one and
/// reads everything the watcher printed. A transport that confirms the death (every one between
/// processes of one machine, TCP too) prints one INFO line and no association ERROR or WARNING; one
/// that cannot confirm it (TCP to another host) still shows Akka's loss lines.
/// </summary>
public abstract class ExpectedDeathLogSpec(string configFile, ITestOutputHelper output)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>True when the transport confirms the peer's death from the kernel.</summary>
    protected abstract bool ConfirmsDeath { get; }

    [Fact]
    public async Task A_SIGKILLed_peer_is_logged_by_its_watcher_as_what_the_transport_knows_of_its_end()
    {
        var config = Path.Combine(AppContext.BaseDirectory, "HOCON", configFile);
        var peerDll = Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll");
        await using var victim = await ChildActorSystem.StartAsync(peerDll, ["--config", config, "--name", "victim"], ReadyTimeout);
        await using var watcher = await ChildActorSystem.StartAsync(
            peerDll, ["--config", config, "--name", "watcher", "--watch", victim.Address.ToString()], ReadyTimeout);
        await UntilPrintedAsync(watcher, line => line == DeathReporter.WatchingPrefix + victim.Address);

        victim.Kill();
        Assert.True(await victim.WaitForExitAsync(Timeout), "the killed peer is still running");
        var exited = $"peer {victim.Address} process {victim.ProcessId} exited (confirmed by the kernel)";
        if (ConfirmsDeath)
        {
            await UntilPrintedAsync(watcher, line => line.StartsWith(DeathReporter.TerminatedPrefix, StringComparison.Ordinal));
            await UntilPrintedAsync(watcher, line => line.Contains(exited, StringComparison.Ordinal));
        }
        else
        {
            await UntilPrintedAsync(watcher, IsLossLine);
        }

        // A clean stop flushes whatever the logger still held; the loss lines were logged long before.
        await watcher.StopAsync(Timeout);
        var printed = watcher.Output;
        output.WriteLine(string.Join(Environment.NewLine, printed));
        if (ConfirmsDeath)
        {
            Assert.Single(printed, line => line.Contains(exited, StringComparison.Ordinal));
            Assert.DoesNotContain(printed, IsLossLine);
            Assert.DoesNotContain(printed, line => line.Contains("[WARNING]", StringComparison.Ordinal) && Names(line, victim.Address));
            Assert.DoesNotContain(printed, line => line.Contains("   at ", StringComparison.Ordinal));
        }
        else
        {
            Assert.DoesNotContain(printed, line => line.Contains(exited, StringComparison.Ordinal));
            Assert.Contains(printed, IsLossLine);
        }
    }

    // Akka's console lines about an association that ended: the ERROR with its stack trace, the WARNINGs quoting it.
    private static bool IsLossLine(string line) =>
        line.Contains("[ERROR]", StringComparison.Ordinal)
        || (line.Contains("[WARNING]", StringComparison.Ordinal) && line.Contains("Disassociated", StringComparison.Ordinal));

    // Akka names endpoint actors after the URL-encoded address.
    private static bool Names(string line, Akka.Actor.Address address) =>
        line.Contains(address.ToString(), StringComparison.Ordinal)
        || line.Contains(System.Net.WebUtility.UrlEncode(address.ToString()), StringComparison.OrdinalIgnoreCase);

    private static async Task UntilPrintedAsync(ChildActorSystem child, Func<string, bool> matches)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (!child.Output.Any(matches))
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"not printed within {Timeout.TotalSeconds:0} s; printed:{Environment.NewLine}{string.Join(Environment.NewLine, child.Output)}");
            }
        }
    }
}

public sealed class UnixSocketExpectedDeathLogSpec(ITestOutputHelper output) : ExpectedDeathLogSpec("uds.conf", output)
{
    protected override bool ConfirmsDeath => true;
}

/// <remarks>Both peers on this machine: the kernel names the process at the other end of the TCP connection.</remarks>
public sealed class TcpExpectedDeathLogSpec(ITestOutputHelper output) : ExpectedDeathLogSpec("tcp.conf", output)
{
    protected override bool ConfirmsDeath => true;
}
