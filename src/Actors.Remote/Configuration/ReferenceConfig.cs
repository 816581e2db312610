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
    /// <remarks>A system config without the section gives null from Akka's <c>GetConfig</c>: the defaults alone then.</remarks>
    public static Config WithDefaults(Config? section, string defaultsPath) =>
        (section ?? Config.Empty).WithFallback(Default.GetConfig(defaultsPath));

    private static Config Load() =>
        ConfigurationFactory.ParseString(EmbeddedText.Read(typeof(ReferenceConfig).Assembly, ResourceName));
}
