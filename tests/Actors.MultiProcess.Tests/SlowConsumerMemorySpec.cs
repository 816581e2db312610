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
/// the flood lasts. Both runs are real processes; the receiver's RSS is read from /proc.
/// </summary>
public sealed partial class SlowConsumerMemorySpec(ITestOutputHelper output)
{
    private const int Rate = 20_000;
    private const int FloodSeconds = 12;
    private const int MessageBytes = 256;

    /// <summary>What may be allocated for good after warm-up while bounded (measured: under 10 MB).</summary>
    private const long BoundedGrowthLimit = 40L << 20;

    /// <summary>What the unbounded control must at least grow by (measured: 7-8 MB/s, 70-100 MB over the window).</summary>
    private const long UnboundedGrowthAtLeast = 30L << 20;

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(FloodSeconds + 20);

    private static string PeerDll => Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll");

    [Fact]
    public async Task A_slow_consumer_flooded_over_uds_keeps_its_memory_flat_with_the_bounds_and_grows_without_them()
    {
        var bounded = await FloodAsync("bounded.conf");
        var unbounded = await FloodAsync("uds.conf");

        output.WriteLine($"bounded:   {bounded}");
        output.WriteLine($"unbounded: {unbounded}");
        Assert.True(bounded.Growth < BoundedGrowthLimit, $"with the bounds the receiver grew by {bounded.Growth >> 20} MB after warm-up: {bounded}");
        Assert.True(bounded.DeadLetters > bounded.Sent / 2, $"the bounded mailbox should have dropped most of the flood as dead letters: {bounded}");
        Assert.True(unbounded.Growth > UnboundedGrowthAtLeast, $"without the bounds the receiver should grow: {unbounded}");
        Assert.Equal(0, unbounded.DeadLetters);
    }

    private async Task<FloodResult> FloodAsync(string configFile)
    {
        var config = Path.Combine(AppContext.BaseDirectory, "HOCON", configFile);
        await using var receiver = await ChildActorSystem.StartAsync(PeerDll, ["flood-receiver", "--config", config], ReadyTimeout);
        var rssAtStart = ResidentBytes(receiver.ProcessId);
        await using var sender = await ChildActorSystem.StartAsync(
            PeerDll,
            ["flood-sender", "--config", config, "--target", receiver.Address.ToString(), "--rate", Rate.ToString(CultureInfo.InvariantCulture),
             "--seconds", FloodSeconds.ToString(CultureInfo.InvariantCulture), "--size", MessageBytes.ToString(CultureInfo.InvariantCulture)],
            ReadyTimeout);

        // The flood starts as the sender announces itself; after warm-up (JIT, buffers, GC budgets)
        // every sample until it ends is measured against the first.
        var clock = Stopwatch.StartNew();
        long? afterWarmUp = null;
        long peak = 0;
        while (!sender.HasExited && clock.Elapsed < ExitTimeout)
        {
            await Task.Delay(SampleInterval);
            if (clock.Elapsed >= WarmUp)
            {
                var rss = ResidentBytes(receiver.ProcessId);
                afterWarmUp ??= rss;
                peak = Math.Max(peak, rss);
            }
        }

        Assert.True(await sender.WaitForExitAsync(ExitTimeout), "the sender did not finish its flood");
        Assert.Equal(0, sender.ExitCode);
        var sent = LastNumber(sender.Output, SentLine());
        var stats = receiver.Output.LastOrDefault(line => line.StartsWith("STATS ", StringComparison.Ordinal)) ?? "";
        var handled = LastNumber([stats], HandledField());
        var deadLetters = LastNumber([stats], DeadLettersField());
        return new FloodResult(configFile, rssAtStart, afterWarmUp ?? rssAtStart, peak, sent, handled, deadLetters);
    }

    /// <summary>The resident set of a process, from VmRSS in /proc/pid/status.</summary>
    private static long ResidentBytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static long LastNumber(IEnumerable<string> lines, Regex pattern) =>
        lines.Select(line => pattern.Match(line)).Where(m => m.Success).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).LastOrDefault(-1);

    [GeneratedRegex(@"^SENT (\d+)")]
    private static partial Regex SentLine();

    [GeneratedRegex(@"handled=(\d+)")]
    private static partial Regex HandledField();

    [GeneratedRegex(@"dead-letters=(\d+)")]
    private static partial Regex DeadLettersField();

    private sealed record FloodResult(string Config, long RssAtStart, long RssAfterWarmUp, long RssPeak, long Sent, long Handled, long DeadLetters)
    {
        public long Growth => RssPeak - RssAfterWarmUp;

        public override string ToString() =>
            $"config={Config} rss_start_mb={RssAtStart >> 20} rss_after_warmup_mb={RssAfterWarmUp >> 20} rss_peak_mb={RssPeak >> 20} growth_mb={Growth >> 20} sent={Sent} handled={Handled} dead_letters={DeadLetters}";
    }
}
