using System.Linq.Expressions;
using System.Runtime.Serialization;
using Actors.Serialization.Hyperion.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Serialization.Hyperion.Tests;

/// <summary>
/// Delegates and expression trees are code: with the defaults (no allow-list, <c>allow-delegates = off</c>) they are
/// refused both when written and when read; <c>allow-delegates = on</c> lets them cross.
/// </summary>
public sealed class DelegateRefusalSpec(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(TestConfigs.Local(), nameof(DelegateRefusalSpec), output)
{
    private const string SettingPath = "akka.actor.serialization-settings.hyperion.allow-delegates";

    public static int FortyTwo() => 42;

    private HyperionSerializer Defaults => new((ExtendedActorSystem)Sys, HyperionSerializerSettings.Default);

    private HyperionSerializer AllowingDelegates => new((ExtendedActorSystem)Sys, HyperionSerializerSettings.Default with { AllowDelegates = true });

    public static TheoryData<string, object> Code => new()
    {
        { "a Func<int>", (Func<int>)FortyTwo },
        { "an Action", (Action)(() => { }) },
        { "an expression tree", (Expression<Func<int>>)(() => 42) },
        { "a record holding a Func<int>", new Carrier("x", FortyTwo) },
    };

    [Theory]
    [MemberData(nameof(Code))]
    public void ToBinary_of_code_with_the_defaults_is_refused_naming_the_setting(string what, object message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);

        var error = Assert.Throws<SerializationException>(() => serializer.ToBinary(message));

        Assert.True(error.Message.Contains($"{SettingPath} = off"), $"{what}: {error.Message}");
    }

    [Theory]
    [MemberData(nameof(Code))]
    public void FromBinary_of_code_a_peer_sent_is_refused_with_the_defaults(string what, object message)
    {
        var bytes = AllowingDelegates.ToBinary(message);

        var error = Assert.Throws<SerializationException>(() => Defaults.FromBinary(bytes, typeof(object)));

        Assert.True(error.Message.Contains($"{SettingPath} = off"), $"{what}: {error.Message}");
    }

    [Fact]
    public void A_delegate_crosses_when_allow_delegates_is_on()
    {
        var serializer = AllowingDelegates;

        var back = (Func<int>)serializer.FromBinary(serializer.ToBinary((Func<int>)FortyTwo), typeof(object));

        Assert.Equal(42, back());
    }

    [Fact]
    public void Allow_delegates_is_off_by_default_and_read_from_the_section()
    {
        var on = HyperionSerializerSettings.FromConfig(Akka.Configuration.ConfigurationFactory.ParseString("allow-delegates = on"));

        Assert.False(HyperionSerializerSettings.Default.AllowDelegates);
        Assert.True(on.AllowDelegates);
    }

    public sealed record Carrier(string Name, Func<int> Compute);
}
