using Akka.Configuration;

namespace Actors.Remote.Tests.Support;

/// <summary>The HOCON files from the repository's HOCON/ folder, as a user would copy them.</summary>
public static class ShippedConfig
{
    public static Config Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "HOCON", fileName);
        return ConfigurationFactory.ParseString(File.ReadAllText(path));
    }
}
