namespace Actors.MultiProcess.Tests;

/// <summary>Where the tests find the shipped HOCON files (copied beside them), and the lane variants made from them.</summary>
internal static class ShippedConfigs
{
    /// <summary>What a <c>lane+X.conf</c> adds after X.conf: the lane on, and on X's connections.</summary>
    public const string LaneOnTheStream = "\nakka.remote.actors.lane.enabled = on\nakka.remote.actors.lane.shared-memory = off\n";

    /// <summary>
    /// The shipped config file (or a test's own, given by its full path); <c>lane+X.conf</c> is X.conf with <c>akka.remote.actors.lane.enabled = on</c> after it
    /// (the lane's one switch) and <c>shared-memory = off</c> (so the lane stays on X's connections, which is what
    /// these variants test; <c>auto.conf</c> shows the move into a ring), written beside the shipped files for the
    /// parent and the child to read.
    /// </summary>
    public static string PathOf(string configFile)
    {
        const string lanePrefix = "lane+";
        if (Path.IsPathRooted(configFile))
        {
            // A config a test wrote for itself (with paths of its own, such as certificates).
            return configFile;
        }

        var path = Path.Combine(AppContext.BaseDirectory, "HOCON", configFile);
        if (configFile.StartsWith(lanePrefix, StringComparison.Ordinal) && !File.Exists(path))
        {
            var shipped = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "HOCON", configFile[lanePrefix.Length..]));
            var written = $"{path}.{Environment.ProcessId}";
            File.WriteAllText(written, shipped + LaneOnTheStream);
            File.Move(written, path, overwrite: true);
        }

        return path;
    }
}
