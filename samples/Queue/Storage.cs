using Actors.Delivery;

namespace Queue;

/// <summary>The queue's database from the command line: SQLite in a directory, or a PostgreSQL server.</summary>
internal static class Storage
{
    public static DurableQueueSettings Settings(DirectoryInfo? directory, string? postgres) =>
        postgres is { Length: > 0 } ? DurableQueueSettings.PostgreSql(postgres) : DurableQueueSettings.Sqlite(directory!.FullName);

    public static string[] Arguments(DirectoryInfo? directory, string? postgres) =>
        postgres is { Length: > 0 } ? ["--postgres", postgres] : ["--directory", directory!.FullName];
}
