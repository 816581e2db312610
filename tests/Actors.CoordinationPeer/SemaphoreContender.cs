using System.Diagnostics;
using System.Globalization;
using Actors.Coordination;

namespace Actors.CoordinationPeer;

/// <summary>
/// One of many processes taking permits of one semaphore in turn. Each hold is reported on stdout
/// with a CLOCK_MONOTONIC time (one clock for every process of the machine): "enter" read after the
/// permit is taken, "leave" read before it is given back. Merged by time, the holds the test counts
/// at any instant were truly held at once, so it can bound concurrency by them.
/// </summary>
internal static class SemaphoreContender
{
    public static async Task<int> RunAsync(string directory, string name, int permits, int rounds)
    {
        using var semaphore = ProcessSemaphore.Open(name, permits, CoordinationSettings.Default with { Directory = directory });
        Console.WriteLine("ready");
        if (await Console.In.ReadLineAsync() != "go")
        {
            return 5;
        }

        for (var round = 0; round < rounds; round++)
        {
            using var permit = await semaphore.AcquireAsync(TimeSpan.FromSeconds(60));
            if (permit is null)
            {
                Console.WriteLine("timed-out");
                return 4;
            }

            var entered = Stopwatch.GetTimestamp();

            // Work while holding: long enough for others to try and fail meanwhile.
            await Task.Delay(1);
            var leaving = Stopwatch.GetTimestamp();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hold {permit.Index} {entered} {leaving}"));
        }

        Console.WriteLine("done");
        return 0;
    }
}
