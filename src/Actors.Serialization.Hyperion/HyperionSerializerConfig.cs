using Akka.Configuration;

namespace Actors.Serialization.Hyperion;

/// <summary>
/// The HOCON that puts <see cref="HyperionSerializer"/> under every user message. Paste <see cref="Hocon"/> into each
/// ready config (or use it as a fallback); it is also the single place where the serializer's defaults are written.
/// </summary>
public static class HyperionSerializerConfig
{
    /// <summary>The name the serializer is registered under in <c>akka.actor.serializers</c>.</summary>
    public const string SerializerName = "hyperion";

    /// <summary>
    /// The identifier written into every envelope this serializer produces; both ends must agree on it.
    /// Akka reserves 0 to 40, and Akka's own Hyperion adapter uses -5, so ours cannot be mistaken for it.
    /// </summary>
    public const int SerializerIdentifier = 4101;

    /// <summary>
    /// Registers the serializer, binds it to <c>System.Object</c>, sets its identifier and its settings with their defaults.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Binding <c>System.Object</c> makes Hyperion the fallback for every type without a more specific binding: user records,
    /// classes, collections and nested types. Akka picks the most specific binding, so its own stay in charge: system messages
    /// (<c>akka-system-msg</c>), <c>IActorRef</c>, <c>Identify</c>, <c>PoisonPill</c> and <c>Status</c> (<c>akka-misc</c>),
    /// <c>ActorSelectionMessage</c> (<c>akka-containers</c>), protobuf messages (<c>proto</c>); <c>string</c>, <c>int</c>
    /// and <c>long</c> stay on <c>primitive</c> and <c>byte[]</c> on <c>bytes</c>.
    /// </para>
    /// <para>
    /// Both ends of an association must use the same <c>preserve-object-references</c> and <c>version-tolerance</c>:
    /// each changes the bytes on the wire.
    /// </para>
    /// </remarks>
    public const string Hocon = """
        akka.actor {
          # Registers Actors.Serialization.Hyperion under the name "hyperion".
          serializers.hyperion = "Actors.Serialization.Hyperion.HyperionSerializer, Actors.Serialization.Hyperion"
          # The id written in each envelope; both ends must agree. Akka looks it up here by type (no start-up warning);
          # without this entry the actor system fails to start.
          serialization-identifiers { "Actors.Serialization.Hyperion.HyperionSerializer, Actors.Serialization.Hyperion" = 4101 }
          # Every type without a more specific binding (records, classes, collections) crosses through Hyperion;
          # Akka's own bindings still win for its messages, string/int/long stay on primitive, byte[] on bytes.
          serialization-bindings { "System.Object" = hyperion }
          serialization-settings.hyperion {
            # on = shared references and cycles survive (about 10-15% slower); off = every message must be a tree.
            preserve-object-references = on
            # off = both ends run the same build (IPC); on = field names travel with each type: bigger, and weak anyway.
            version-tolerance = off
            # Type-name prefixes allowed to cross, e.g. ["MyApp.Messages.", "MyApp.Ping"]; [] = no list (Hyperion's deny-list only).
            allowed-types = []
            # off = delegates (Func<int>, event handlers) and expression trees are refused both ways, even when
            # allowed-types lists them: they name code for the receiver to run. on = they cross like any type.
            allow-delegates = off
          }
        }
        """;

    /// <summary>The settings section of <see cref="Hocon"/>, used as the fallback for missing keys.</summary>
    internal static Config DefaultSettings { get; } =
        ConfigurationFactory.ParseString(Hocon).GetConfig(HyperionSerializerSettings.ConfigPath);
}
