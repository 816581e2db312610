using Akka.Configuration;

namespace Actors.Remote.Tests.Support;

/// <summary>The HOCON files from the repository's HOCON/ folder, as a user would copy them.</summary>
public static class ShippedConfig
{
    public static Config Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "HOCON", fileName);
        var text = File.ReadAllText(path);
        if (Environment.GetEnvironmentVariable("TMP_NO_HYPERION") == "1") text = text.Replace("Actors.Serialization.Hyperion.HyperionSerializer, Actors.Serialization.Hyperion", "Akka.Serialization.NewtonSoftJsonSerializer, Akka");
        return ConfigurationFactory.ParseString(text);
    }
}
