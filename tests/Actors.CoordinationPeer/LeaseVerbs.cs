using System.Diagnostics;
using Actors.Coordination;
using Akka.Configuration;
using Akka.Coordination;

namespace Actors.CoordinationPeer;

/// <summary>The lease verbs: hold one until killed, or wait for one held elsewhere.</summary>
internal static class LeaseVerbs
{
    public static async Task<int> HoldAsync(string directory, string name)
    {
        var lease = Create(directory, name);
        if (!await lease.Acquire())
        {
            Console.WriteLine("not-acquired");
            return 2;
        }

        Console.WriteLine("held");

        // Until the test kills us (or closes our stdin).
        await Console.In.ReadToEndAsync();
        return 0;
    }

    public static async Task<int> WaitAsync(string directory, string name, TimeSpan timeout)
    {
        var lease = Create(directory, name);
        if (await lease.Acquire())
        {
            Console.WriteLine("acquired-at-once");
            return 3;
        }

        Console.WriteLine("waiting");
        if (!await lease.AcquireAsync(timeout))
        {
            Console.WriteLine("timed-out");
            return 4;
        }

        Console.WriteLine($"acquired {Stopwatch.GetTimestamp()}");
        await lease.Release();
        return 0;
    }

    private static ProcessLease Create(string directory, string name)
    {
        var config = ConfigurationFactory.ParseString($"directory = \"{directory}\"");
        var timeouts = new TimeoutSettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(5));
        return new ProcessLease(new LeaseSettings(name, $"peer-{Environment.ProcessId}", timeouts, config));
    }
}
