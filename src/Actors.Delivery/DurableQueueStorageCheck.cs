using Microsoft.Data.Sqlite;
using Npgsql;

namespace Actors.Delivery;

/// <summary>
/// Proves at start that the queue's database can be written, so that a missing directory, a directory
/// that cannot be written, a corrupted file or an unreachable server is one clear error before any
/// message is accepted, not a journal failure later. Creates the SQLite file (in WAL mode) when absent.
/// </summary>
internal static class DurableQueueStorageCheck
{
    public static void Run(DurableQueueSettings settings)
    {
        if (settings.Provider == DurableQueueProvider.Sqlite)
        {
            CheckSqlite(settings);
        }
        else
        {
            CheckPostgreSql(settings);
        }
    }

    private static void CheckSqlite(DurableQueueSettings settings)
    {
        var directory = settings.Directory;
        if (!Directory.Exists(directory))
        {
            throw Failed(directory, "the directory does not exist");
        }

        // A real write, not a permission check: root passes every permission check, but not a
        // read-only mount.
        var probe = Path.Combine(directory, $".queue-write-probe-{Environment.ProcessId}");
        try
        {
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failed(directory, $"the directory is not writable ({e.Message})", e);
        }

        var file = settings.SqliteFile;
        try
        {
            var builder = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
            using var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA quick_check";
            var result = check.ExecuteScalar() as string;
            if (result != "ok")
            {
                throw Failed(file, $"the database is corrupted (quick_check: {result})");
            }

            // WAL lets the journal and the snapshot store write while readers read, and survives a
            // killed process like the default rollback journal does.
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL";
            wal.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            throw Failed(file, $"the file is not a usable SQLite database ({e.Message.TrimEnd('.')})", e);
        }
    }

    private static void CheckPostgreSql(DurableQueueSettings settings)
    {
        try
        {
            using var connection = new NpgsqlConnection(settings.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            command.ExecuteScalar();
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            throw Failed(settings.Location, $"the server cannot be used ({e.Message.ReplaceLineEndings(" ").TrimEnd('.')})", e);
        }
    }

    private static DurableQueueException Failed(string path, string reason, Exception? inner = null) =>
        new($"durable queue storage failed: path={path}, reason={reason}", inner);
}
