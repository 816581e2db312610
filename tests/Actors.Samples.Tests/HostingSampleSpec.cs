using Actors.TestSupport;
using Xunit.Abstractions;

namespace Actors.Samples.Tests;

/// <summary>
/// samples/Hosting as the README runs it: a Generic Host front and two worker processes it supervises,
/// configured only through Akka.Hosting, no HOCON file.
/// </summary>
public sealed class HostingSampleSpec(ITestOutputHelper output)
{
    private const string ProviderWarning = "Actors transport runs under a provider that is not ours";

    [Fact]
    public async Task The_hosting_sample_runs_every_job_on_two_supervised_workers_without_a_HOCON_file()
    {
        var (exitCode, lines) = await RunAsync([]);

        Assert.Equal(0, exitCode);
        Assert.Contains(lines, l => l.StartsWith("worker-1: started", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("worker-2: started", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(ProviderWarning, StringComparison.Ordinal));
        Assert.Equal("jobs=200 processed=200 workers=2", lines.Last());
    }

    [Fact]
    public async Task WithRemoting_after_WithActorsRemoting_keeps_our_provider_and_gives_no_warning()
    {
        var (exitCode, lines) = await RunAsync(["--with-akka-remoting"]);

        Assert.Equal(0, exitCode);
        Assert.Contains(lines, l => l.StartsWith("front: ", StringComparison.Ordinal) && l.EndsWith("provider ProcessAwareRemoteActorRefProvider", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(ProviderWarning, StringComparison.Ordinal));
        Assert.Equal("jobs=200 processed=200 workers=2", lines.Last());
    }

    [Fact]
    public async Task WithRemoting_that_replaces_a_provider_set_in_HOCON_gives_a_warning_naming_both_providers()
    {
        var (exitCode, lines) = await RunAsync(["--with-akka-remoting", "--provider-from-hocon"]);

        Assert.Equal(0, exitCode);
        var warning = Assert.Single(lines, l => l.Contains(ProviderWarning, StringComparison.Ordinal));
        Assert.Contains("[WARNING]", warning, StringComparison.Ordinal);
        Assert.Contains("transports=akka.remote.actors.uds, provider=Akka.Remote.RemoteActorRefProvider;", warning, StringComparison.Ordinal);
        Assert.Contains("akka.actor.provider = \"Actors.Remote.Provider.ProcessAwareRemoteActorRefProvider, Actors.Remote\"", warning, StringComparison.Ordinal);
        Assert.Equal("jobs=200 processed=200 workers=2", lines.Last());
    }

    [Fact]
    public async Task With_metrics_the_sample_exports_the_remote_and_supervision_meters_through_OpenTelemetry()
    {
        var (exitCode, lines) = await RunAsync(["--metrics"]);

        Assert.Equal(0, exitCode);
        Assert.Contains(lines, l => l.StartsWith("Metric Name: actors.remote.messages.sent", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Metric Name: actors.supervision.peer.starts", StringComparison.Ordinal));
        Assert.Equal("jobs=200 processed=200 workers=2", lines.Last());
    }

    private async Task<(int ExitCode, string[] Lines)> RunAsync(string[] arguments)
    {
        var (exitCode, lines) = await ProgramRun.RunAsync(Samples.Hosting, arguments, Samples.Timeout);
        output.WriteLine(string.Join(Environment.NewLine, lines));
        return (exitCode, lines);
    }
}
