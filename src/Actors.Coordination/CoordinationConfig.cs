using Akka.Configuration;

namespace Actors.Coordination;

/// <summary>The defaults of the lease and the semaphore, from the embedded <c>reference.conf</c>.</summary>
/// <remarks>
/// Akka loads reference configs only for its own modules: put these behind the system's config
/// (<c>config.WithFallback(CoordinationConfig.Default)</c>) so that <c>actors.coordination.process-lease</c>
/// exists when Akka's LeaseProvider looks it up.
/// </remarks>
public static class CoordinationConfig
{
    /// <summary>Where the lease's block sits: the config path to give Akka (use-lease, lease-implementation).</summary>
    public const string LeasePath = "actors.coordination.process-lease";

    /// <summary>Where the semaphore's block sits.</summary>
    public const string SemaphorePath = "actors.coordination.semaphore";

    private const string ResourceName = "Actors.Coordination.reference.conf";

    private static readonly Lazy<Config> s_config = new(Load);

    /// <summary>The whole embedded reference config.</summary>
    public static Config Default => s_config.Value;

    /// <summary><paramref name="section"/> with the defaults at <paramref name="path"/> behind it.</summary>
    internal static Config WithDefaults(Config? section, string path) =>
        (section ?? Config.Empty).WithFallback(Default.GetConfig(path));

    private static Config Load()
    {
        using var stream = typeof(CoordinationConfig).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource missing: name={ResourceName}");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
