namespace Actors.Cluster.Tests;

/// <summary>Which of our transports a one-machine cluster runs on: HOCON lines put on top of cluster.conf.</summary>
public sealed record ClusterTransport(string Name, string[] Overrides)
{
    /// <summary>cluster.conf as shipped: shared memory with the fast lane.</summary>
    public static readonly ClusterTransport SharedMemoryWithLane = new("shm", []);

    /// <summary>Unix-domain sockets.</summary>
    public static readonly ClusterTransport UnixSockets = new("uds", ["akka.remote.enabled-transports = [\"akka.remote.actors.uds\"]", "akka.remote.actors.lane.enabled = off"]);

    /// <summary>Named pipes (Unix-domain sockets under the pipe transport's own names on Linux).</summary>
    public static readonly ClusterTransport NamedPipes = new("pipe", ["akka.remote.enabled-transports = [\"akka.remote.actors.pipe\"]", "akka.remote.actors.lane.enabled = off"]);

    public override string ToString() => Name;
}
