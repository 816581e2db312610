using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Actors.Coordination.Tests;

/// <summary>The lease and the semaphore between real processes (Actors.CoordinationPeer).</summary>
public sealed class CrossProcessSpec(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_lease_whose_holder_is_SIGKILLed_is_taken_by_a_waiting_process_without_a_timeout()
    {
        using var holder = PeerProcess.Start("hold-lease", _directory.Path, "handover");
        Assert.Equal("held", await holder.ReadLineAsync(s_timeout));
        using var waiter = PeerProcess.Start("wait-lease", _directory.Path, "handover", ((int)s_timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        Assert.Equal("waiting", await waiter.ReadLineAsync(s_timeout));

        var killedAt = Stopwatch.GetTimestamp();
        await holder.KillAsync(s_timeout);
        var reapedAt = Stopwatch.GetTimestamp();
        var acquired = await waiter.ReadLineAsync(s_timeout);

        Assert.StartsWith("acquired ", acquired);
        var acquiredAt = long.Parse(acquired["acquired ".Length..], CultureInfo.InvariantCulture);
        var handOver = Stopwatch.GetElapsedTime(killedAt, acquiredAt);
        output.WriteLine(
            $"lease hand-over after SIGKILL: {handOver.TotalMilliseconds:F1} ms from kill(2) to the waiter holding it " +
            $"(the holder was reaped {Stopwatch.GetElapsedTime(killedAt, reapedAt).TotalMilliseconds:F1} ms after kill(2))");
        Assert.Equal(0, await waiter.WaitForExitAsync(s_timeout));
    }

    [Fact]
    public async Task Eight_contending_processes_never_hold_more_than_the_permits()
    {
        const int permits = 3;
        const int processes = 8;
        const int rounds = 15;
        var peers = new List<PeerProcess>();
        var holds = new List<Hold>();
        try
        {
            for (var i = 0; i < processes; i++)
            {
                peers.Add(PeerProcess.Start("contend", _directory.Path, "contended", $"{permits}", $"{rounds}"));
            }

            // All started and open before any takes a permit: the contention is real, not start-up order.
            foreach (var peer in peers)
            {
                Assert.Equal("ready", await peer.ReadLineAsync(s_timeout));
            }

            foreach (var peer in peers)
            {
                await peer.WriteLineAsync("go");
            }

            foreach (var peer in peers)
            {
                for (var line = await peer.ReadLineAsync(s_timeout); line != "done"; line = await peer.ReadLineAsync(s_timeout))
                {
                    holds.Add(Hold.Parse(line, peer.Id));
                }

                Assert.Equal(0, await peer.WaitForExitAsync(s_timeout));
            }
        }
        finally
        {
            peers.ForEach(p => p.Dispose());
        }

        var maxConcurrent = MostHeldAtOnce(holds);
        output.WriteLine($"holds={holds.Count}, most held at once={maxConcurrent}, permits={permits}");
        Assert.Equal(processes * rounds, holds.Count);
        Assert.InRange(maxConcurrent, 1, permits);
    }

    /// <summary>
    /// Sweeps the holds in time order: the most held at once, and no permit index held by two at once.
    /// On equal times an entry counts before a leave, so a tie can only make the count higher.
    /// </summary>
    private static int MostHeldAtOnce(List<Hold> holds)
    {
        var events = holds
            .SelectMany(h => new[] { (Time: h.Entered, Entering: true, Hold: h), (Time: h.Leaving, Entering: false, Hold: h) })
            .OrderBy(e => e.Time)
            .ThenBy(e => e.Entering ? 0 : 1);
        var holders = new Dictionary<int, Hold>();
        int current = 0, max = 0;
        foreach (var (_, entering, hold) in events)
        {
            if (entering)
            {
                Assert.False(holders.TryGetValue(hold.Index, out var other), $"permit {hold.Index} taken by pid {hold.ProcessId} while pid {other?.ProcessId} held it");
                holders[hold.Index] = hold;
                max = Math.Max(max, ++current);
            }
            else
            {
                holders.Remove(hold.Index);
                current--;
            }
        }

        return max;
    }

    /// <summary>One hold a peer reported: "hold &lt;index&gt; &lt;entered&gt; &lt;leaving&gt;" (Stopwatch ticks).</summary>
    private sealed record Hold(int Index, long Entered, long Leaving, int ProcessId)
    {
        public static Hold Parse(string line, int processId)
        {
            var parts = line.Split(' ');
            Assert.True(parts is ["hold", _, _, _], $"not a hold line: line={line}");
            return new Hold(
                int.Parse(parts[1], CultureInfo.InvariantCulture),
                long.Parse(parts[2], CultureInfo.InvariantCulture),
                long.Parse(parts[3], CultureInfo.InvariantCulture),
                processId);
        }
    }
}
