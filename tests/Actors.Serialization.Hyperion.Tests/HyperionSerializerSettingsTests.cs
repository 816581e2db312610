using Akka.Configuration;

namespace Actors.Serialization.Hyperion.Tests;

public sealed class HyperionSerializerSettingsTests
{
    [Fact]
    public void Default_ReadFromTheSnippet_IsPreserveOnVersionToleranceOffNoList()
    {
        var settings = HyperionSerializerSettings.Default;

        Assert.True(settings.PreserveObjectReferences);
        Assert.False(settings.VersionTolerance);
        Assert.Empty(settings.AllowedTypes);
    }

    [Fact]
    public void FromConfig_SnippetSection_EqualsDefault()
    {
        var section = ConfigurationFactory.ParseString(HyperionSerializerConfig.Hocon).GetConfig(HyperionSerializerSettings.ConfigPath);

        Assert.Equal(HyperionSerializerSettings.Default, HyperionSerializerSettings.FromConfig(section));
    }

    [Fact]
    public void FromConfig_EmptySection_IsDefault()
    {
        Assert.Equal(HyperionSerializerSettings.Default, HyperionSerializerSettings.FromConfig(Config.Empty));
    }

    [Fact]
    public void FromConfig_EveryKeySet_ReadsEveryKey()
    {
        var settings = HyperionSerializerSettings.FromConfig(ConfigurationFactory.ParseString("""
            preserve-object-references = off
            version-tolerance = true
            allowed-types = ["MyApp.Messages.", "MyApp.Ping", "MyApp.Outer+Inner", "MyApp.Generic`1"]
            """));

        Assert.False(settings.PreserveObjectReferences);
        Assert.True(settings.VersionTolerance);
        Assert.Equal<string>(["MyApp.Messages.", "MyApp.Ping", "MyApp.Outer+Inner", "MyApp.Generic`1"], settings.AllowedTypes.ToArray());
    }

    [Fact]
    public void FromConfig_OneKeySet_TakesTheOthersFromTheDefaults()
    {
        var settings = HyperionSerializerSettings.FromConfig(ConfigurationFactory.ParseString("version-tolerance = on"));

        Assert.Equal(HyperionSerializerSettings.Default with { VersionTolerance = true }, settings);
    }

    [Theory]
    [InlineData("preserve-object-references = maybe", "preserve-object-references", "'maybe'")]
    [InlineData("version-tolerance = 2", "version-tolerance", "'2'")]
    [InlineData("version-tolerance = [on]", "version-tolerance", "a list")]
    public void FromConfig_BooleanKeyWithBadValue_NamesTheKeyAndTheAllowedValues(string hocon, string key, string found)
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            HyperionSerializerSettings.FromConfig(ConfigurationFactory.ParseString(hocon)));

        Assert.Contains($"akka.actor.serialization-settings.hyperion.{key} = {found}", error.Message);
        Assert.Contains("allowed values are on and off", error.Message);
    }

    [Fact]
    public void FromConfig_AllowedTypesAsPlainString_IsRefusedInsteadOfMeaningNoList()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            HyperionSerializerSettings.FromConfig(ConfigurationFactory.ParseString("allowed-types = \"MyApp.\"")));

        Assert.Contains("akka.actor.serialization-settings.hyperion.allowed-types = 'MyApp.'", error.Message);
        Assert.Contains("expected a list of type-name prefixes", error.Message);
    }

    [Theory]
    [InlineData("MyApp.Ping, MyApp")]
    [InlineData("System.Collections.Generic.List`1[[MyApp.Ping]]")]
    [InlineData("")]
    [InlineData(".MyApp")]
    [InlineData("MyApp..Ping")]
    public void FromConfig_AllowedTypesEntryThatIsNoTypeNamePrefix_NamesTheEntryAndTheAllowedForms(string entry)
    {
        var error = Assert.Throws<ConfigurationException>(() => HyperionSerializerSettings.FromConfig(
            ConfigurationFactory.ParseString($"allowed-types = [\"MyApp.Fine.\", \"{entry}\"]")));

        Assert.Contains($"akka.actor.serialization-settings.hyperion.allowed-types[1] = \"{entry}\"", error.Message);
        Assert.Contains("a namespace ending in '.'", error.Message);
    }

    [Fact]
    public void FromConfig_MisspelledKey_IsRefusedSoTheListCannotSilentlyVanish()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            HyperionSerializerSettings.FromConfig(ConfigurationFactory.ParseString("allowed-type = [\"MyApp.\"]")));

        Assert.Contains("akka.actor.serialization-settings.hyperion.allowed-type is not a known key", error.Message);
        Assert.Contains("allowed-types", error.Message);
    }

    [Fact]
    public void FromConfig_OfficialAdapterKeyDisallowUnsafeType_SaysItIsAlwaysOn()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            HyperionSerializerSettings.FromConfig(ConfigurationFactory.ParseString("disallow-unsafe-type = false")));

        Assert.Contains("disallow-unsafe-type is not supported", error.Message);
        Assert.Contains("always on", error.Message);
    }

    [Theory]
    [InlineData("MyApp.Ping[]")]
    [InlineData(" MyApp.")]
    [InlineData("MyApp.Ping ")]
    public void Validate_SettingsBuiltInCodeWithBadEntry_Throws(string entry)
    {
        var settings = HyperionSerializerSettings.Default with { AllowedTypes = [entry] };

        var error = Assert.Throws<ConfigurationException>(() => settings.Validate());

        Assert.Contains($"allowed-types[0] = \"{entry}\"", error.Message);
    }
}
