namespace Actors.Hosting;

/// <summary>The transport <see cref="ActorsRemotingOptions"/> enables; each is one block under <c>akka.remote.actors</c>.</summary>
public enum ActorsTransport
{
    /// <summary>Unix-domain sockets (<c>akka.uds</c>): one machine, no port exposed.</summary>
    Uds,

    /// <summary>Shared-memory rings (<c>akka.shm</c>): one machine, the fastest; the lane takes rings of its own.</summary>
    Shm,

    /// <summary>Named pipes (<c>akka.pipe</c>).</summary>
    Pipe,

    /// <summary>FIFOs (<c>akka.fifo</c>).</summary>
    Fifo,

    /// <summary>TCP (<c>akka.atcp</c>), with TLS when <see cref="ActorsRemotingOptions.Tls"/> is set: between hosts.</summary>
    Tcp,
}
