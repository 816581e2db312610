using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Sql;

namespace Actors.Delivery;

/// <summary>
/// The Akka.Persistence.Sql journal and snapshot store of one queue database, added to a running
/// system's config under ids of their own, so the user's HOCON needs no persistence block and two
/// databases in one system do not mix.
/// </summary>
internal static class DurableQueuePlugins
{
    public static (string JournalId, string SnapshotId) Install(ActorSystem system, DurableQueueSettings settings)
    {
        // One id per database: the same database reuses its plugins, another gets its own.
        var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(settings.Provider + "|" + settings.PersistenceConnectionString)))[..16].ToLowerInvariant();
        var journalId = $"actors.durable-queue.plugins.journal-{key}";
        var snapshotId = $"actors.durable-queue.plugins.snapshot-{key}";
        if (system.Settings.Config.HasPath(journalId))
        {
            return (journalId, snapshotId);
        }

        var connection = Quote(settings.PersistenceConnectionString);
        var provider = Quote(settings.Linq2DbProviderName);
        var own = ConfigurationFactory.ParseString($$"""
            {{journalId}} {
              class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
              plugin-dispatcher = "akka.persistence.dispatchers.default-plugin-dispatcher"
              plugin-id = "{{journalId}}"
              connection-string = {{connection}}
              provider-name = {{provider}}
              auto-initialize = on
            }
            {{snapshotId}} {
              class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
              plugin-dispatcher = "akka.persistence.dispatchers.default-plugin-dispatcher"
              plugin-id = "{{snapshotId}}"
              connection-string = {{connection}}
              provider-name = {{provider}}
              auto-initialize = on
            }
            """);
        // The journal and the snapshot store fall back to Akka.Persistence.Sql's defaults themselves.
        system.Settings.InjectTopLevelFallback(own.WithFallback(SqlPersistence.DefaultConfiguration));
        return (journalId, snapshotId);
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
