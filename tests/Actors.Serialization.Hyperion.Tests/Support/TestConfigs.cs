using Akka.Configuration;

namespace Actors.Serialization.Hyperion.Tests.Support;

/// <summary>The configs the specs run under: always the team's snippet, optionally an allow-list and remoting.</summary>
internal static class TestConfigs
{
    /// <summary>The allow-list entry that lets the test messages in <c>Messages.Allowed</c> through.</summary>
    public const string AllowedNamespace = "Actors.Serialization.Hyperion.Tests.Messages.Allowed.";

    /// <summary>A local system with the snippet and, when given, an allow-list.</summary>
    public static Config Local(params string[] allowedTypes) =>
        AllowList(allowedTypes).WithFallback(ConfigurationFactory.ParseString(HyperionSerializerConfig.Hocon));

    /// <summary>A system reachable over Akka's DotNetty TCP on 127.0.0.1 and a free port, with the snippet.</summary>
    public static Config Remote(params string[] allowedTypes) =>
        ConfigurationFactory.ParseString("""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp {
              hostname = 127.0.0.1
              port = 0
            }
            """).WithFallback(Local(allowedTypes));

    private static Config AllowList(string[] allowedTypes) => allowedTypes.Length == 0
        ? Config.Empty
        : ConfigurationFactory.ParseString(
            $"{HyperionSerializerSettings.AllowedTypesPath} = [{string.Join(", ", allowedTypes.Select(t => $"\"{t}\""))}]");
}
