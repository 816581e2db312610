using Akka.Configuration;

namespace Actors.Delivery;

/// <summary>
/// Where a durable queue keeps its messages (<c>actors.durable-queue</c> in HOCON; defaults in this
/// project's reference.conf). Build one in code with <see cref="Sqlite"/> or <see cref="PostgreSql"/>,
/// or read it from a system's config with <see cref="FromConfig"/>.
/// </summary>
public sealed record DurableQueueSettings
{
    /// <summary>The name of the SQLite database file inside <see cref="Directory"/>.</summary>
    public const string SqliteFileName = "queue.db";

    /// <summary>The HOCON path of these settings.</summary>
    public const string ConfigPath = "actors.durable-queue";

    private static readonly Config s_defaults =
        ConfigurationFactory.FromResource("Actors.Delivery.reference.conf", typeof(DurableQueueSettings).Assembly);

    /// <summary>The database.</summary>
    public DurableQueueProvider Provider { get; init; }

    /// <summary>The directory of the SQLite file (provider sqlite).</summary>
    public string Directory { get; init; } = "";

    /// <summary>The Npgsql connection string (provider postgresql).</summary>
    public string ConnectionString { get; init; } = "";

    /// <summary>Messages held in memory after storing, before Akka.Delivery asks for them; past it new messages are refused.</summary>
    public int BufferLimit { get; init; } = s_defaults.GetInt($"{ConfigPath}.buffer-limit");

    /// <summary>The SQLite database file.</summary>
    public string SqliteFile => Path.Combine(Directory, SqliteFileName);

    /// <summary>A queue in <paramref name="directory"/>/queue.db, which must exist and be writable.</summary>
    public static DurableQueueSettings Sqlite(string directory) =>
        new() { Provider = DurableQueueProvider.Sqlite, Directory = Path.GetFullPath(directory) };

    /// <summary>A queue on the PostgreSQL server that <paramref name="connectionString"/> names.</summary>
    public static DurableQueueSettings PostgreSql(string connectionString) =>
        new() { Provider = DurableQueueProvider.PostgreSql, ConnectionString = connectionString };

    /// <summary>Reads <c>actors.durable-queue</c> from <paramref name="config"/>, with this project's defaults.</summary>
    public static DurableQueueSettings FromConfig(Config config)
    {
        var section = config.WithFallback(s_defaults).GetConfig(ConfigPath);
        var provider = section.GetString("provider") switch
        {
            "sqlite" => DurableQueueProvider.Sqlite,
            "postgresql" => DurableQueueProvider.PostgreSql,
            var other => throw new DurableQueueException($"durable queue settings are not valid: {ConfigPath}.provider={other}, allowed=sqlite|postgresql"),
        };
        var directory = section.GetString("sqlite.directory");
        return new DurableQueueSettings
        {
            Provider = provider,
            Directory = directory.Length == 0 ? "" : Path.GetFullPath(directory),
            ConnectionString = section.GetString("postgresql.connection-string"),
            BufferLimit = section.GetInt("buffer-limit"),
        }.Validate();
    }

    /// <summary>Throws <see cref="DurableQueueException"/> when a required value is missing or out of range.</summary>
    public DurableQueueSettings Validate()
    {
        if (Provider == DurableQueueProvider.Sqlite && Directory.Length == 0)
        {
            throw new DurableQueueException($"durable queue settings are not valid: {ConfigPath}.sqlite.directory is empty, required for provider=sqlite");
        }

        if (Provider == DurableQueueProvider.PostgreSql && ConnectionString.Length == 0)
        {
            throw new DurableQueueException($"durable queue settings are not valid: {ConfigPath}.postgresql.connection-string is empty, required for provider=postgresql");
        }

        if (BufferLimit < 1)
        {
            throw new DurableQueueException($"durable queue settings are not valid: {ConfigPath}.buffer-limit={BufferLimit}, limit=1 or more");
        }

        return this;
    }

    /// <summary>
    /// Proves the database can be written now (creating the SQLite file when absent); throws
    /// <see cref="DurableQueueException"/> with one line, <c>durable queue storage failed: path=..., reason=...</c>, when not.
    /// <see cref="DurableProducer.Start{T}"/> does this itself.
    /// </summary>
    public void CheckStorage() => DurableQueueStorageCheck.Run(Validate());

    /// <summary>Where the messages are, for errors: the file, or the server and database (never the password).</summary>
    public string Location => Provider == DurableQueueProvider.Sqlite
        ? SqliteFile
        : new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) is var b ? $"postgresql://{b.Host}:{b.Port}/{b.Database}" : "";

    /// <summary>The connection string Akka.Persistence.Sql uses.</summary>
    internal string PersistenceConnectionString => Provider == DurableQueueProvider.Sqlite
        ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = SqliteFile, Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadWrite }.ToString()
        : ConnectionString;

    /// <summary>linq2db's name of the provider.</summary>
    internal string Linq2DbProviderName => Provider == DurableQueueProvider.Sqlite ? LinqToDB.ProviderName.SQLiteMS : LinqToDB.ProviderName.PostgreSQL;
}
