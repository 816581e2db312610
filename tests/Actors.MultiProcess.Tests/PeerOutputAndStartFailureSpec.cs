using System.Diagnostics;
using Actors.Supervision;
using Actors.TestSupport;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Xunit.Abstractions;

namespace Actors.MultiProcess.Tests;

/// <summary>
/// What a <see cref="ProcessSupervisor"/> does with a peer's output and with a start that fails: each
/// line goes to the log under the peer's name, a chatty peer's lines are bounded in memory and in the
/// log, and a program that cannot start is a <see cref="PeerStartFailed"/> naming it.
/// </summary>
public sealed class PeerOutputAndStartFailureSpec(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString("akka.loglevel = INFO\n" + File.ReadAllText(ConfigPath)), "peer-output", output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_peer_s_stdout_and_stderr_lines_are_logged_under_its_name_as_Info_and_Warning()
    {
        var logs = CreateTestProbe();
        Sys.EventStream.Subscribe(logs.Ref, typeof(Info));
        Sys.EventStream.Subscribe(logs.Ref, typeof(Warning));
        var spec = new PeerSpec("chatty", PeerDll, ["--config", ConfigPath, "--name", "chatty", "--print-lines", "3"]) { TargetPath = $"user/{EchoActor.Name}" };
        Sys.ActorOf(ProcessSupervisor.Props([spec]), "chatty-supervisor");

        var expected = new HashSet<(Type, string)>(Enumerable.Range(0, 3).SelectMany(i => new[] { (typeof(Info), $"out {i}"), (typeof(Warning), $"err {i}") }));
        var seen = new HashSet<(Type, string)>();
        await logs.FishForMessageAsync<LogEvent>(
            e =>
            {
                if (IsFrom("chatty", e))
                {
                    seen.Add((e.GetType(), e.Message.ToString()!));
                }

                return expected.IsSubsetOf(seen);
            },
            StartTimeout);
    }

    [Fact]
    public async Task A_chatty_peer_is_bounded_in_memory_and_in_the_log_and_its_last_lines_are_kept()
    {
        const int count = 50_000;
        const int kept = 50;
        const int perSecond = 100;
        var logs = CreateTestProbe();
        Sys.EventStream.Subscribe(logs.Ref, typeof(Info));
        Sys.EventStream.Subscribe(logs.Ref, typeof(Warning));

        // Akka in the peer says nothing, so that its lines are the ready line and the printed ones.
        var quietConfig = Path.Combine(Path.GetTempPath(), $"peer-output-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(quietConfig, await File.ReadAllTextAsync(ConfigPath) + "\nakka.loglevel = OFF\nakka.stdout-loglevel = OFF\n");
        using var removeConfig = new Nito.Disposables.AnonymousDisposable(() => File.Delete(quietConfig));
        var spec = new PeerSpec("flood", PeerDll, ["--config", quietConfig, "--name", "flood", "--print-lines", $"{count}"])
        {
            OutputLinesKept = kept,
            OutputLinesLoggedPerSecond = perSecond,
        };

        var elapsed = Stopwatch.StartNew();
        await using var child = await ChildActorSystem.StartAsync(spec, Sys);
        await AwaitConditionAsync(
            () => Task.FromResult(child.OutputLineCount >= 1 + 2 * count + 1),
            TimeSpan.FromSeconds(90),
            message: "the peer did not print all its lines");
        var seconds = elapsed.Elapsed.TotalSeconds;

        // Both streams were read to their last line, so the tail ends each of them: what it holds of
        // either is the end of what that stream wrote.
        var tail = child.Output;
        var stdout = Enumerable.Range(0, count).Select(i => $"out {i}").Append($"PRINTED {count}").ToArray();
        var stderr = Enumerable.Range(0, count).Select(i => $"err {i}").ToArray();
        var stdoutKept = tail.Where(l => !l.StartsWith("err ", StringComparison.Ordinal)).ToArray();
        var stderrKept = tail.Where(l => l.StartsWith("err ", StringComparison.Ordinal)).ToArray();
        Assert.Equal((kept, 2L * count + 2), (tail.Count, child.OutputLineCount));
        Assert.Equal(stdout.TakeLast(stdoutKept.Length), stdoutKept);
        Assert.Equal(stderr.TakeLast(stderrKept.Length), stderrKept);

        var logged = logs.ReceiveWhile(TimeSpan.FromMilliseconds(500), o => o, int.MaxValue)
            .OfType<LogEvent>()
            .Count(e => IsFrom("flood", e) && e.Message.ToString() is { } line && (line.StartsWith("out ", StringComparison.Ordinal) || line.StartsWith("err ", StringComparison.Ordinal)));
        Output.WriteLine($"lines={child.OutputLineCount} kept={tail.Count} logged={logged} seconds={seconds:0.0} limit_per_second={perSecond}");
        Assert.True(logged <= perSecond * (Math.Ceiling(seconds) + 2), $"logged {logged} lines in {seconds:0.0} s, limit={perSecond}/s");
    }

    [Fact]
    public async Task A_peer_that_exits_at_start_is_PeerStartFailed_with_its_program_and_exit_code()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(PeerEvent));
        var spec = new PeerSpec("doomed", PeerDll, ["--config", ConfigPath, "--exit-at-start", "3"]);
        Sys.ActorOf(ProcessSupervisor.Props([spec], SupervisionStrategy.Default with { MaxRestarts = 0 }), "doomed-supervisor");

        var failed = await events.ExpectMsgAsync<PeerStartFailed>(StartTimeout);
        Assert.Equal(("doomed", PeerDll, 3), (failed.Name, failed.Program, failed.ExitCode));
        Assert.Contains("exited with code 3 before it was ready", failed.Reason);
        Assert.DoesNotContain(Environment.NewLine, failed.Reason);
        await events.ExpectMsgAsync<PeerGaveUp>(Timeout);
    }

    [Theory]
    [InlineData("no-such-peer.dll", "does not exist")]
    [InlineData("/no-such-directory/no-such-peer", "error=")]
    public async Task A_missing_program_is_PeerStartFailed_naming_it(string program, string reason)
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(PeerEvent));
        Sys.ActorOf(ProcessSupervisor.Props([new PeerSpec("missing", program, [])], SupervisionStrategy.Default with { MaxRestarts = 0 }), "missing-supervisor");

        var failed = await events.ExpectMsgAsync<PeerStartFailed>(Timeout);
        Output.WriteLine(failed.Reason);
        Assert.Equal(("missing", program, (int?)null), (failed.Name, failed.Program, failed.ExitCode));
        Assert.Contains($"program={program}", failed.Reason);
        Assert.Contains(reason, failed.Reason);
        await events.ExpectMsgAsync<PeerGaveUp>(Timeout);
    }

    // A log source named by a string reads "name (akka://system)".
    private static bool IsFrom(string peer, LogEvent e) => e.LogSource.StartsWith($"{peer} (", StringComparison.Ordinal);

    private static string PeerDll => Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll");

    private static string ConfigPath => Path.Combine(AppContext.BaseDirectory, "HOCON", "uds.conf");
}
