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
        const int Permits = 3;
        const int Processes = 8;
        const int Rounds = 15;
        var log = _directory.File("holds.log");
        var peers = new List<PeerProcess>();
        try
        {
            for (var i = 0; i < Processes; i++)
            {
                peers.Add(PeerProcess.Start("contend", _directory.Path, "contended", $"{Permits}", $"{Rounds}", log));
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
                Assert.Equal("done", await peer.ReadLineAsync(s_timeout));
                Assert.Equal(0, await peer.WaitForExitAsync(s_timeout));
            }
        }
        finally
        {
            peers.ForEach(p => p.Dispose());
        }

        var (holds, maxConcurrent) = Replay(File.ReadAllLines(log));
        output.WriteLine($"holds={holds}, most held at once={maxConcurrent}, permits={Permits}");
        Assert.Equal(Processes * Rounds, holds);
        Assert.InRange(maxConcurrent, 1, Permits);
    }

    /// <summary>
    /// Replays the enter/leave log: how many holds it has, and the most it shows held at once. Also
    /// checks that no permit index is entered twice without a leave between.
    /// </summary>
    private static (int Holds, int MaxConcurrent) Replay(string[] lines)
    {
        var holders = new Dictionary<string, string>();
        int holds = 0, current = 0, max = 0;
        foreach (var line in lines)
        {
            var parts = line.Split(' ');
            Assert.Equal(3, parts.Length);
            var (verb, index, pid) = (parts[0], parts[1], parts[2]);
            if (verb == "enter")
            {
                Assert.False(holders.ContainsKey(index), $"permit {index} entered by pid {pid} while pid {holders.GetValueOrDefault(index)} held it");
                holders[index] = pid;
                holds++;
                max = Math.Max(max, ++current);
            }
            else
            {
                Assert.Equal(pid, holders[index]);
                holders.Remove(index);
                current--;
            }
        }

        return (holds, max);
    }
}
