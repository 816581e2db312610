namespace Actors.Samples.Tests;

/// <summary>Where the samples and the shipped HOCON files are, beside the tests.</summary>
internal static class Samples
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string PingPong => Path.Combine(AppContext.BaseDirectory, "PingPong.dll");

    public static string Hosting => Path.Combine(AppContext.BaseDirectory, "Hosting.dll");

    public static string Supervision => Path.Combine(AppContext.BaseDirectory, "Supervision.dll");

    public static string Queue => Path.Combine(AppContext.BaseDirectory, "Queue.dll");

    public static string Config(string name) => Path.Combine(AppContext.BaseDirectory, "HOCON", name);
}
