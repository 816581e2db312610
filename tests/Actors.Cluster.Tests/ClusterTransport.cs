namespace Actors.Cluster.Tests;

/// <summary>Which of our transports a one-machine cluster runs on: HOCON lines put on top of cluster.conf.</summary>
/// <param name="Name">How test output names it.</param>
/// <param name="Overrides">The HOCON lines on top of cluster.conf.</param>
/// <param name="ListensOnFiles">True when a member's listener is a file of the runtime directory (a SIGKILL leaves it for the survivors to remove).</param>
public sealed record ClusterTransport(string Name, string[] Overrides, bool ListensOnFiles = true)
{
    /// <summary>cluster.conf as shipped: atcp, with the fast lane choosing shared-memory rings by itself.</summary>
    public static readonly ClusterTransport TcpWithAutoLane = new("atcp+auto", [], ListensOnFiles: false);

    /// <summary>Shared memory for everything, with the fast lane.</summary>
    public static readonly ClusterTransport SharedMemoryWithLane = new("shm", ["akka.remote.enabled-transports = [\"akka.remote.actors.shm\"]"]);

    /// <summary>Unix-domain sockets.</summary>
    public static readonly ClusterTransport UnixSockets = new("uds", ["akka.remote.enabled-transports = [\"akka.remote.actors.uds\"]", "akka.remote.actors.lane.enabled = off"]);

    /// <summary>Named pipes (Unix-domain sockets under the pipe transport's own names on Linux).</summary>
    public static readonly ClusterTransport NamedPipes = new("pipe", ["akka.remote.enabled-transports = [\"akka.remote.actors.pipe\"]", "akka.remote.actors.lane.enabled = off"]);

    public override string ToString() => Name;
}
