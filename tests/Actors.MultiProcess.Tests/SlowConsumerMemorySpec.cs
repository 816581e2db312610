using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Actors.Supervision;
using Xunit.Abstractions;

namespace Actors.MultiProcess.Tests;

/// <summary>
/// A consumer that handles about a thousand messages a second, flooded with twenty thousand a second
/// by another process over uds: with the bounds of <c>HOCON/bounded.conf</c> (a bounded mailbox, an
/// outbound buffer limit) the receiver's memory stays flat and the overflow is counted as dead
/// letters; with the defaults (<c>HOCON/uds.conf</c>, as Akka.Remote) its mailbox grows for as long as
/// the flood lasts. And when the receiver stops reading, the sender's memory stays flat with
/// <c>outbound-buffer-limit</c> and grows in Akka's endpoint writer without it. All runs are real
/// processes; RSS is read from /proc.
/// </summary>
public sealed partial class SlowConsumerMemorySpec(ITestOutputHelper output)
{
    private const int Rate = 20_000;

    /// <summary>Faster against a stopped receiver: what waits grows twice as fast, and the sender's CPU is free.</summary>
    private const int StoppedReceiverRate = 40_000;
    private const int FloodSeconds = 12;
    private const int MessageBytes = 256;

    /// <summary>What may be allocated for good after warm-up while bounded (measured: 1-5 MB).</summary>
    private const long BoundedGrowthLimit = 40L << 20;

    /// <summary>
    /// What the unbounded control must at least grow by (measured: a receiver's mailbox 44-50 MB over its
    /// 9 s window, a sender's endpoint writer buffer 136 MB over 8 s).
    /// </summary>
    private const long UnboundedGrowthAtLeast = 25L << 20;

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    /// <summary>JIT, buffers and GC budgets settle in this long (measured: 2 s).</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    /// <summary>With a stopped receiver, also the time for the sender's buffer to fill (16 MiB at 40 000 × 256 B/s: about 1.5 s).</summary>
    private static readonly TimeSpan StoppedWarmUp = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan StopAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(FloodSeconds + 20);

    private static string PeerDll => Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll");

    [Fact]
    public async Task A_slow_consumer_flooded_over_uds_keeps_its_memory_flat_with_the_bounds_and_grows_without_them()
    {
        var bounded = await FloodAsync("bounded.conf", "bounded.conf", Rate, stopReceiver: false);
        var unbounded = await FloodAsync("uds.conf", "uds.conf", Rate, stopReceiver: false);

        output.WriteLine($"bounded:   {bounded}");
        output.WriteLine($"unbounded: {unbounded}");
        Assert.True(bounded.Growth < BoundedGrowthLimit, $"with the bounds the receiver grew by {bounded.Growth >> 20} MB after warm-up: {bounded}");
        Assert.True(bounded.DeadLetters > bounded.Sent / 2, $"the bounded mailbox should have dropped most of the flood as dead letters: {bounded}");
        Assert.True(unbounded.Growth > UnboundedGrowthAtLeast, $"without the bounds the receiver should grow: {unbounded}");
        Assert.Equal(0, unbounded.DeadLetters);
    }

    /// <summary>
    /// The receiver stops reading (SIGSTOP) while the sender keeps sending: with <c>outbound-buffer-limit</c>
    /// the sender's memory stops growing once its buffer is full and the rest is dropped; without it,
    /// Akka's endpoint writer buffers every message above the full transport buffer.
    /// </summary>
    [Fact]
    public async Task A_sender_to_a_receiver_that_stopped_reading_keeps_its_memory_flat_with_outbound_buffer_limit_and_grows_without_it()
    {
        var limited = await FloodAsync("bounded.conf", "bounded.conf", StoppedReceiverRate, stopReceiver: true);
        var unlimited = await FloodAsync("bounded.conf", "uds.conf", StoppedReceiverRate, stopReceiver: true);

        output.WriteLine($"limited:   {limited}");
        output.WriteLine($"unlimited: {unlimited}");
        Assert.True(limited.Growth < BoundedGrowthLimit, $"with outbound-buffer-limit the sender grew by {limited.Growth >> 20} MB once its buffer was full: {limited}");
        Assert.True(limited.DroppedWarnings > 0, $"the sender should have logged its drops: {limited}");
        Assert.True(unlimited.Growth > UnboundedGrowthAtLeast, $"without outbound-buffer-limit the sender should grow: {unlimited}");
        Assert.Equal(0, unlimited.DroppedWarnings);
    }

    /// <summary>
    /// Floods the consumer of a receiver process from a sender process and samples the RSS of the
    /// receiver, or of the sender when the receiver is stopped, after warm-up until the flood ends.
    /// </summary>
    private async Task<FloodResult> FloodAsync(string receiverConfig, string senderConfig, int rate, bool stopReceiver)
    {
        await using var receiver = await ChildActorSystem.StartAsync(PeerDll, ["flood-receiver", "--config", ConfigPath(receiverConfig)], ReadyTimeout);
        await using var sender = await ChildActorSystem.StartAsync(
            PeerDll,
            ["flood-sender", "--config", ConfigPath(senderConfig), "--target", receiver.Address.ToString(), "--rate", rate.ToString(CultureInfo.InvariantCulture),
             "--seconds", FloodSeconds.ToString(CultureInfo.InvariantCulture), "--size", MessageBytes.ToString(CultureInfo.InvariantCulture)],
            ReadyTimeout);
        var sampled = stopReceiver ? sender : receiver;

        // The flood starts as the sender announces itself; after warm-up (JIT, buffers, GC budgets;
        // with a stopped receiver, the sender's buffer filling up) every sample until it ends is
        // measured against the first.
        var clock = Stopwatch.StartNew();
        var warmUp = stopReceiver ? StoppedWarmUp : WarmUp;
        long? afterWarmUp = null;
        long peak = 0;
        try
        {
            while (!sender.HasExited && clock.Elapsed < ExitTimeout)
            {
                await Task.Delay(SampleInterval);
                if (stopReceiver && clock.Elapsed >= StopAfter && !receiver.HasExited)
                {
                    await ProcessSignal.SendAsync("STOP", receiver.ProcessId);
                    stopReceiver = false;
                }

                var rss = ResidentBytes(sampled.ProcessId);
                if (clock.Elapsed >= warmUp && rss > 0)
                {
                    afterWarmUp ??= rss;
                    peak = Math.Max(peak, rss);
                }
            }
        }
        finally
        {
            await ProcessSignal.SendAsync("CONT", receiver.ProcessId);
        }

        Assert.True(await sender.WaitForExitAsync(ExitTimeout), "the sender did not finish its flood");
        Assert.Equal(0, sender.ExitCode);
        var sent = LastNumber(sender.Output, SentLine());
        var stats = receiver.Output.LastOrDefault(line => line.StartsWith("STATS ", StringComparison.Ordinal)) ?? "";
        return new FloodResult(
            $"receiver={receiverConfig} sender={senderConfig} sampled={(sampled == sender ? "sender" : "receiver")}",
            afterWarmUp ?? 0,
            peak,
            sent,
            LastNumber([stats], HandledField()),
            LastNumber([stats], DeadLettersField()),
            sender.Output.Count(line => line.Contains("outbound buffer full", StringComparison.Ordinal)));
    }

    private static string ConfigPath(string configFile) => Path.Combine(AppContext.BaseDirectory, "HOCON", configFile);

    /// <summary>The resident set of a process, from VmRSS in /proc/pid/status.</summary>
    /// <returns>0 once the process has gone (its status has no VmRSS while it exits).</returns>
    private static long ResidentBytes(int processId)
    {
        try
        {
            var line = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static long LastNumber(IEnumerable<string> lines, Regex pattern) =>
        lines.Select(line => pattern.Match(line)).Where(m => m.Success).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).LastOrDefault(-1);

    [GeneratedRegex(@"^SENT (\d+)")]
    private static partial Regex SentLine();

    [GeneratedRegex(@"handled=(\d+)")]
    private static partial Regex HandledField();

    [GeneratedRegex(@"dead-letters=(\d+)")]
    private static partial Regex DeadLettersField();

    private sealed record FloodResult(string Run, long RssAfterWarmUp, long RssPeak, long Sent, long Handled, long DeadLetters, int DroppedWarnings)
    {
        public long Growth => RssPeak - RssAfterWarmUp;

        public override string ToString() =>
            $"{Run} rss_after_warmup_mb={RssAfterWarmUp >> 20} rss_peak_mb={RssPeak >> 20} growth_mb={Growth >> 20} sent={Sent} handled={Handled} dead_letters={DeadLetters} drop_warnings={DroppedWarnings}";
    }
}
