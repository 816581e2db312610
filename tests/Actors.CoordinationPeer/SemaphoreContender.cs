using System.Globalization;
using Actors.Coordination;

namespace Actors.CoordinationPeer;

/// <summary>
/// One of many processes taking permits of one semaphore in turn. Each hold is logged to a shared
/// file: "enter" after the permit is taken, "leave" before it is given back, so at any point of the
/// log the holders it counts were truly holding at once, and the test can bound concurrency by it.
/// </summary>
internal static class SemaphoreContender
{
    public static async Task<int> RunAsync(string directory, string name, int permits, int rounds, string log)
    {
        using var semaphore = ProcessSemaphore.Open(name, permits, CoordinationSettings.Default with { Directory = directory });
        Console.WriteLine("ready");
        if (await Console.In.ReadLineAsync() != "go")
        {
            return 5;
        }

        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        for (var round = 0; round < rounds; round++)
        {
            using var permit = await semaphore.AcquireAsync(TimeSpan.FromSeconds(60));
            if (permit is null)
            {
                Console.WriteLine("timed-out");
                return 4;
            }

            // One write(2) of a short line with O_APPEND: lines of different processes never interleave.
            File.AppendAllText(log, $"enter {permit.Index} {pid}\n");

            // Work while holding: long enough for others to try and fail meanwhile.
            await Task.Delay(1);
            File.AppendAllText(log, $"leave {permit.Index} {pid}\n");
        }

        Console.WriteLine("done");
        return 0;
    }
}
