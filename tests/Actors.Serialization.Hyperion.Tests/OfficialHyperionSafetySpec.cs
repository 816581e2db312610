using System.Diagnostics;
using System.Runtime.Serialization;
using Actors.Serialization.Hyperion.Tests.Messages.Allowed;
using Actors.Serialization.Hyperion.Tests.Messages.Unlisted;
using Actors.Serialization.Hyperion.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Hyperion.Internal;
using Xunit.Abstractions;
using OfficialHyperionSerializer = Akka.Serialization.HyperionSerializer;
using OfficialHyperionSettings = Akka.Serialization.HyperionSerializerSettings;

namespace Actors.Serialization.Hyperion.Tests;

/// <summary>
/// What a peer can make each adapter create by naming a type in the bytes: ours (this assembly) against Akka's own
/// Akka.Serialization.Hyperion 1.5.75, both over Hyperion 0.12.2. The bytes come from a permissive writer, as a
/// hostile or simply newer peer would send them; the types are benign stand-ins for ones a receiver must not build.
/// These are observations of the released package, pinned so an upgrade that changes them is noticed.
/// </summary>
public sealed class OfficialHyperionSafetySpec(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(TestConfigs.Local(), nameof(OfficialHyperionSafetySpec), output)
{
    public static int FortyTwo() => 42;

    private ExtendedActorSystem ExtendedSystem => (ExtendedActorSystem)Sys;

    // What a user of Akka.Serialization.Hyperion gets from its reference config: disallow-unsafe-type = on, no type filter.
    private OfficialHyperionSerializer OfficialDefaults => new(ExtendedSystem, OfficialHyperionSettings.Default);

    // Its safest setting: allowed-types, which it turns into Hyperion's type filter (exact types, named "Full.Name, Assembly").
    private OfficialHyperionSerializer OfficialAllowingOnlyPing => new(ExtendedSystem, OfficialHyperionSettings.Create(
        ConfigurationFactory.ParseString($"allowed-types = [\"{typeof(Ping).FullName}, {typeof(Ping).Assembly.GetName().Name}\"]")
            .WithFallback(OfficialHyperionSerializer.DefaultConfiguration().GetConfig("akka.actor.serialization-settings.hyperion"))));

    // Ours as the shipped configs have it: no allow-list, delegates refused.
    private HyperionSerializer OursShipped => new(ExtendedSystem, HyperionSerializerSettings.Default);

    private HyperionSerializer OursAllowingOnlyTheAllowedNamespace =>
        new(ExtendedSystem, HyperionSerializerSettings.Default with { AllowedTypes = [TestConfigs.AllowedNamespace] });

    [Fact]
    public void A_type_outside_the_allow_list_is_created_by_both_defaults_and_refused_by_both_allow_lists()
    {
        var bytes = OfficialDefaults.ToBinary(new Secret("s"));
        var ourBytes = OursShipped.ToBinary(new Secret("s"));

        // Observed: neither default has an allow-list (ours ships allowed-types = []), so any type a peer names that is
        // not on Hyperion's deny-list is built.
        Assert.Equal(new Secret("s"), OfficialDefaults.FromBinary(bytes, typeof(object)));
        Assert.Equal(new Secret("s"), OursShipped.FromBinary(ourBytes, typeof(object)));
        // Its allow-list reads the listed type and refuses the rest. Observed too: Hyperion 0.12.2 also checks the filter
        // when writing, with a name the list never matches, so a system that sets allowed-types cannot send even its own
        // listed messages; ours writes and reads them.
        var allowed = OfficialAllowingOnlyPing;
        Assert.Equal(new Ping(7), allowed.FromBinary(OfficialDefaults.ToBinary(new Ping(7)), typeof(object)));
        Assert.Throws<UserEvilDeserializationException>(() => allowed.ToBinary(new Ping(7)));
        var ours = OursAllowingOnlyTheAllowedNamespace;
        Assert.Equal(new Ping(7), ours.FromBinary(ours.ToBinary(new Ping(7)), typeof(object)));
        AssertOfficialRefused<UserEvilDeserializationException>(() => allowed.FromBinary(bytes, typeof(object)));
        Assert.Throws<SerializationException>(() => ours.FromBinary(ourBytes, typeof(object)));
    }

    [Fact]
    public void A_delegate_a_peer_sends_is_built_by_the_official_defaults_and_refused_by_ours()
    {
        var bytes = OfficialDefaults.ToBinary((Func<int>)FortyTwo);
        var ourBytes = new HyperionSerializer(ExtendedSystem, HyperionSerializerSettings.Default with { AllowDelegates = true })
            .ToBinary((Func<int>)FortyTwo);

        // Observed: the official defaults rebuild the delegate, ready for the receiver to call.
        var built = (Func<int>)OfficialDefaults.FromBinary(bytes, typeof(object));
        Assert.Equal(42, built());
        AssertOfficialRefused<UserEvilDeserializationException>(() => OfficialAllowingOnlyPing.FromBinary(bytes, typeof(object)));
        Assert.Throws<SerializationException>(() => OursShipped.FromBinary(ourBytes, typeof(object)));
    }

    [Fact]
    public void A_process_start_info_a_peer_sends_is_refused_by_the_deny_list_of_both_defaults()
    {
        var startInfo = new ProcessStartInfo("/bin/true");

        // Observed: Hyperion's deny-list (disallow-unsafe-type, on by default in both adapters) covers
        // System.Diagnostics.Process*, so neither builds it, allow-list or not.
        AssertOfficialRefused<EvilDeserializationException>(() => OfficialDefaults.FromBinary(PeerBytes(startInfo, versionTolerance: true), typeof(object)));
        AssertOfficialRefused<EvilDeserializationException>(() => OfficialAllowingOnlyPing.FromBinary(PeerBytes(startInfo, versionTolerance: true), typeof(object)));
        var ours = Assert.Throws<SerializationException>(() => OursShipped.FromBinary(PeerBytes(startInfo, versionTolerance: false), typeof(object)));
        Assert.Contains(nameof(ProcessStartInfo), ours.Message);
        Assert.Throws<SerializationException>(() => OursAllowingOnlyTheAllowedNamespace.FromBinary(PeerBytes(startInfo, versionTolerance: false), typeof(object)));
    }

    // Observed: the official adapter wraps Hyperion's refusal in a SerializationException, as Akka.Remote expects.
    private static void AssertOfficialRefused<TRefusal>(Action read)
        where TRefusal : Exception
    {
        var error = Assert.Throws<SerializationException>(read);
        Assert.IsType<TRefusal>(error.InnerException);
    }

    // Bytes from a peer whose Hyperion has its deny-list off (the only way such bytes come to exist), written with the
    // reader's version tolerance so that only the type decides.
    private static byte[] PeerBytes(object message, bool versionTolerance)
    {
        var peer = new global::Hyperion.Serializer(new global::Hyperion.SerializerOptions(
            versionTolerance: versionTolerance,
            preserveObjectReferences: true,
            surrogates: null,
            serializerFactories: null,
            knownTypes: null,
            ignoreISerializable: true,
            packageNameOverrides: null,
            disallowUnsafeTypes: false,
            typeFilter: global::Hyperion.DisabledTypeFilter.Instance));
        using var stream = new MemoryStream();
        peer.Serialize(message, stream);
        return stream.ToArray();
    }
}
