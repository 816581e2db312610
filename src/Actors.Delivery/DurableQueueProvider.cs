namespace Actors.Delivery;

/// <summary>The database a durable queue keeps its messages in.</summary>
public enum DurableQueueProvider
{
    /// <summary>Embedded: one file, <c>queue.db</c>, in a directory of this machine; nothing to install.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, for producers on several machines or a queue that outgrows one disk.</summary>
    PostgreSql,
}
