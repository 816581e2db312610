namespace Actors.Delivery.Tests;

/// <summary>
/// A fact that needs the PostgreSQL server named by <c>ACTORS_TEST_POSTGRES</c> (an Npgsql connection
/// string; <c>.ci/postgres</c> starts one). Skipped only on a developer's machine without it: under CI
/// (<c>CI</c> set) it runs and fails, saying why, when the variable is missing.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "ACTORS_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (ConnectionString is null && Environment.GetEnvironmentVariable("CI") is not { Length: > 0 })
        {
            Skip = $"{Variable} is not set (CI sets it: .ci/postgres starts a server)";
        }
    }

    /// <summary>The server's connection string.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>The connection string, or a failure saying why there is none.</summary>
    public static string Require() => ConnectionString
        ?? throw new InvalidOperationException($"no PostgreSQL server for the durable queue tests: {Variable} is not set, and CI requires it (.ci/postgres installs and starts one as root; see its output above the tests)");
}
