namespace Actors.Delivery.Tests;

/// <summary>
/// A fact that needs a PostgreSQL server: the one <c>ACTORS_TEST_POSTGRES</c> names (an Npgsql connection
/// string; <c>.ci/run</c> starts one), else one this test run starts itself (<see cref="TestPostgres"/>).
/// Skipped only on a developer's machine where neither can be had: without the variable and without
/// the repository's <c>.ci/postgres</c> beside the build. Under CI (<c>CI</c> set) it always runs.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "ACTORS_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (ConnectionString is null && TestPostgres.Script is null && Environment.GetEnvironmentVariable("CI") is not { Length: > 0 })
        {
            Skip = $"{Variable} is not set and .ci/postgres was not found above {AppContext.BaseDirectory}";
        }
    }

    /// <summary>The server's connection string from the environment, or null.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>The connection string: the environment's server, else one started for this run; fails saying why there is none.</summary>
    public static string Require() => ConnectionString ?? TestPostgres.ConnectionString;
}
