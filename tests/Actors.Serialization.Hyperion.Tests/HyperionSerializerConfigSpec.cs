using Actors.Serialization.Hyperion.Tests.Messages.Allowed;
using Actors.Serialization.Hyperion.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Akka.Remote.Serialization;
using Akka.Serialization;
using Xunit.Abstractions;

namespace Actors.Serialization.Hyperion.Tests;

/// <summary>What the snippet binds, in a system with Akka.Remote's own bindings loaded.</summary>
public sealed class HyperionSerializerConfigSpec(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(TestConfigs.Remote(), nameof(HyperionSerializerConfigSpec), output)
{
    [Fact]
    public void Snippet_SerializerAndIdentifierEntries_NameThisAssemblysSerializer()
    {
        var config = ConfigurationFactory.ParseString(HyperionSerializerConfig.Hocon);
        var typeName = config.GetString($"akka.actor.serializers.{HyperionSerializerConfig.SerializerName}");

        Assert.Equal(typeof(HyperionSerializer), Type.GetType(typeName));
        Assert.Equal(
            HyperionSerializerConfig.SerializerIdentifier,
            config.GetInt($"akka.actor.serialization-identifiers.\"{typeName}\""));
        Assert.Equal(4101, HyperionSerializerConfig.SerializerIdentifier);
    }

    [Fact]
    public void FindSerializerFor_UserRecordsClassesCollectionsAndNestedTypes_IsHyperion()
    {
        object[] messages = [new Ping(1), new Point(1, "p"), new Letter.Body("b", 1), new List<Ping>(), new Dictionary<string, int>(), 1.5, Guid.Empty];

        foreach (var message in messages)
        {
            var serializer = Sys.Serialization.FindSerializerFor(message);
            Assert.IsType<HyperionSerializer>(serializer);
            Assert.Equal(HyperionSerializerConfig.SerializerIdentifier, serializer.Identifier);
        }
    }

    [Fact]
    public void FindSerializerFor_StringIntLong_StayOnPrimitive()
    {
        Assert.IsType<PrimitiveSerializers>(Sys.Serialization.FindSerializerFor("text"));
        Assert.IsType<PrimitiveSerializers>(Sys.Serialization.FindSerializerFor(42));
        Assert.IsType<PrimitiveSerializers>(Sys.Serialization.FindSerializerFor(42L));
    }

    [Fact]
    public void FindSerializerFor_ByteArray_StaysOnBytes()
    {
        Assert.IsType<ByteArraySerializer>(Sys.Serialization.FindSerializerFor(new byte[] { 1, 2 }));
    }

    [Fact]
    public void FindSerializerFor_AkkaOwnMessages_KeepAkkasSerializers()
    {
        Assert.IsType<MiscMessageSerializer>(Sys.Serialization.FindSerializerFor(new Identify(1)));
        Assert.IsType<MiscMessageSerializer>(Sys.Serialization.FindSerializerFor(PoisonPill.Instance));
        Assert.IsType<MiscMessageSerializer>(Sys.Serialization.FindSerializerFor(TestActor));
        Assert.IsType<MiscMessageSerializer>(Sys.Serialization.FindSerializerFor(new Status.Failure(new InvalidOperationException())));
        Assert.IsType<MessageContainerSerializer>(Sys.Serialization.FindSerializerFor(
            new ActorSelectionMessage(new Ping(1), [new SelectChildName("x")])));
    }

    [Fact]
    public void ActorSystem_WithoutSettingsSection_UsesTheDefaults()
    {
        // Akka calls the (ExtendedActorSystem) constructor when serialization-settings.hyperion is empty.
        var withoutSettings = ConfigurationFactory.ParseString("""
            akka.actor.serializers.hyperion = "Actors.Serialization.Hyperion.HyperionSerializer, Actors.Serialization.Hyperion"
            akka.actor.serialization-identifiers { "Actors.Serialization.Hyperion.HyperionSerializer, Actors.Serialization.Hyperion" = 4101 }
            akka.actor.serialization-bindings { "System.Object" = hyperion }
            """);
        var system = ActorSystem.Create("no-settings", withoutSettings);
        try
        {
            var serializer = Assert.IsType<HyperionSerializer>(system.Serialization.FindSerializerFor(new Ping(1)));
            Assert.Equal(HyperionSerializerSettings.Default, serializer.Settings);
        }
        finally
        {
            Shutdown(system, TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public void ActorSystem_SnippetWithoutIdentifierEntry_FailsToStartNamingTheSetting()
    {
        var withoutIdentifier = ConfigurationFactory.ParseString("""
            akka.actor.serializers.hyperion = "Actors.Serialization.Hyperion.HyperionSerializer, Actors.Serialization.Hyperion"
            akka.actor.serialization-bindings { "System.Object" = hyperion }
            """);

        var error = Assert.ThrowsAny<Exception>(() => ActorSystem.Create("no-identifier", withoutIdentifier).Dispose());

        Assert.Contains("serialization-identifiers", error.ToString());
    }

    [Fact]
    public void ActorSystem_BadSettingValue_FailsToStartNamingTheKey()
    {
        var bad = ConfigurationFactory.ParseString("akka.actor.serialization-settings.hyperion.preserve-object-references = maybe")
            .WithFallback(ConfigurationFactory.ParseString(HyperionSerializerConfig.Hocon));

        var error = Assert.ThrowsAny<Exception>(() => ActorSystem.Create("bad-setting", bad).Dispose());

        Assert.Contains("akka.actor.serialization-settings.hyperion.preserve-object-references = 'maybe'", error.ToString());
    }
}
