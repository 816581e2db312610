using Akka.Configuration;

namespace Actors.Remote.Configuration;

/// <summary>
/// The defaults of every transport, from the embedded <c>reference.conf</c>.
/// </summary>
/// <remarks>
/// Akka loads reference configs only for its own modules, so each transport puts these defaults
/// behind the section it is given: a user's HOCON names only what it changes.
/// </remarks>
public static class ReferenceConfig
{
    private const string ResourceName = "Actors.Remote.reference.conf";

    private static readonly Lazy<Config> s_config = new(Load);

    /// <summary>The whole embedded reference config.</summary>
    public static Config Default => s_config.Value;

    /// <summary><paramref name="section"/> with the defaults at <paramref name="defaultsPath"/> behind it.</summary>
    /// <param name="section">The user's section; null (Akka 1.5.75's <c>GetConfig</c> for a path the user's HOCON lacks) means only defaults.</param>
    /// <param name="defaultsPath">Where the defaults sit in <c>reference.conf</c>.</param>
    public static Config WithDefaults(Config? section, string defaultsPath) =>
        (section ?? Config.Empty).WithFallback(Default.GetConfig(defaultsPath));

    private static Config Load()
    {
        using var stream = typeof(ReferenceConfig).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource missing: name={ResourceName}");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
