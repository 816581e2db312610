using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace Actors.Serialization.Hyperion;

/// <summary>
/// The settings of <see cref="HyperionSerializer"/>, read from <c>akka.actor.serialization-settings.hyperion</c>.
/// The defaults live once, in <see cref="HyperionSerializerConfig.Hocon"/>.
/// </summary>
public sealed record HyperionSerializerSettings
{
    /// <summary>Where Akka finds this section; it hands the section to the serializer's constructor.</summary>
    public const string ConfigPath = "akka.actor.serialization-settings.hyperion";

    /// <summary>Key of <see cref="PreserveObjectReferences"/>.</summary>
    public const string PreserveObjectReferencesKey = "preserve-object-references";

    /// <summary>Key of <see cref="VersionTolerance"/>.</summary>
    public const string VersionToleranceKey = "version-tolerance";

    /// <summary>Key of <see cref="AllowedTypes"/>.</summary>
    public const string AllowedTypesKey = "allowed-types";

    /// <summary>Full path of the allow-list setting, as error messages name it.</summary>
    public const string AllowedTypesPath = ConfigPath + "." + AllowedTypesKey;

    /// <summary>Key of <see cref="AllowDelegates"/>.</summary>
    public const string AllowDelegatesKey = "allow-delegates";

    /// <summary>Full path of <see cref="AllowDelegates"/>, as error messages name it.</summary>
    public const string AllowDelegatesPath = ConfigPath + "." + AllowDelegatesKey;

    private static readonly string[] s_knownKeys = [PreserveObjectReferencesKey, VersionToleranceKey, AllowedTypesKey, AllowDelegatesKey];

    // Keys of Akka's own Hyperion adapter that this serializer deliberately does not offer.
    private static readonly Dictionary<string, string> s_unsupportedKeys = new(StringComparer.Ordinal)
    {
        ["disallow-unsafe-type"] = "Hyperion's unsafe-type deny-list is always on here",
        ["known-types-provider"] = "known types are not supported",
        ["surrogates"] = "only Akka's own ISurrogated surrogate is installed",
        ["cross-platform-package-name-overrides"] = "both ends are expected to run the same .NET build",
    };

    /// <summary>The settings written in <see cref="HyperionSerializerConfig.Hocon"/>.</summary>
    public static HyperionSerializerSettings Default { get; } = Read(HyperionSerializerConfig.DefaultSettings);

    /// <summary>
    /// Keep shared references and cycles: an object reached twice is written once and read back as one instance.
    /// Without it a cycle recurses until the stack overflows. Note that Hyperion matches objects with <c>Equals</c>,
    /// so two equal records also come back as one instance.
    /// </summary>
    public bool PreserveObjectReferences { get; init; }

    /// <summary>Write the field names of each type so a reader with other fields can cope (Hyperion does so poorly).</summary>
    public bool VersionTolerance { get; init; }

    /// <summary>
    /// Type-name prefixes allowed to be written and read; empty means no list. An entry is a namespace ending in
    /// <c>'.'</c> (<c>"MyApp.Messages."</c>) or a full type name (<c>"MyApp.Ping"</c>, which also covers its nested and
    /// generic forms such as <c>MyApp.Ping+Inner</c> and <c>MyApp.Ping`1</c>, but not <c>MyApp.PingPong</c>).
    /// </summary>
    public ImmutableArray<string> AllowedTypes { get; init; } = [];

    /// <summary>
    /// Let delegates (<c>Func&lt;int&gt;</c>, event handlers, any <see cref="Delegate"/>) and expression trees
    /// (<c>System.Linq.Expressions</c>) cross. Off by default, whatever <see cref="AllowedTypes"/> says: such a value
    /// names a method to run (and Hyperion rebuilds it from the bytes), so a peer could hand the receiver code to call.
    /// </summary>
    public bool AllowDelegates { get; init; }

    /// <summary>
    /// Reads every key of the section (missing keys take the defaults) and validates the result.
    /// </summary>
    /// <param name="config">The content of <see cref="ConfigPath"/>; empty means all defaults.</param>
    /// <exception cref="ConfigurationException">A key is unknown or a value is not one of the allowed values.</exception>
    public static HyperionSerializerSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.IsEmpty)
        {
            return Default;
        }

        foreach (var (key, _) in config.AsEnumerable())
        {
            if (s_unsupportedKeys.TryGetValue(key, out var reason))
            {
                throw new ConfigurationException($"{ConfigPath}.{key} is not supported: {reason}.");
            }

            if (!s_knownKeys.Contains(key, StringComparer.Ordinal))
            {
                throw new ConfigurationException(
                    $"{ConfigPath}.{key} is not a known key; the known keys are {string.Join(", ", s_knownKeys)}.");
            }
        }

        return Read(config.WithFallback(HyperionSerializerConfig.DefaultSettings));
    }

    /// <summary>Checks every value and returns these settings.</summary>
    /// <exception cref="ConfigurationException">An allow-list entry is not a type-name prefix.</exception>
    public HyperionSerializerSettings Validate()
    {
        if (AllowedTypes.IsDefault)
        {
            throw new ConfigurationException($"{AllowedTypesPath} is not set: expected a list, [] for none.");
        }

        for (var i = 0; i < AllowedTypes.Length; i++)
        {
            var entry = AllowedTypes[i];
            if (!IsTypeNamePrefix(entry))
            {
                throw new ConfigurationException(
                    $"{AllowedTypesPath}[{i}] = \"{entry}\" is not a type-name prefix: allowed values are a namespace " +
                    "ending in '.' (\"MyApp.Messages.\") or a full type name without assembly (\"MyApp.Ping\", " +
                    "\"MyApp.Outer+Inner\").");
            }
        }

        return this;
    }

    /// <inheritdoc />
    public bool Equals(HyperionSerializerSettings? other) =>
        other is not null
        && PreserveObjectReferences == other.PreserveObjectReferences
        && VersionTolerance == other.VersionTolerance
        && AllowDelegates == other.AllowDelegates
        && AllowedTypes.AsSpan().SequenceEqual(other.AllowedTypes.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(PreserveObjectReferences, VersionTolerance, AllowDelegates, AllowedTypes.Length);

    private static HyperionSerializerSettings Read(Config section) => new HyperionSerializerSettings
    {
        PreserveObjectReferences = ReadBoolean(section, PreserveObjectReferencesKey),
        VersionTolerance = ReadBoolean(section, VersionToleranceKey),
        AllowedTypes = ReadStringList(section, AllowedTypesKey),
        AllowDelegates = ReadBoolean(section, AllowDelegatesKey),
    }.Validate();

    private static bool ReadBoolean(Config section, string key)
    {
        var value = section.GetValue(key);
        var text = value is not null && value.IsString() ? value.GetString() : null;
        return text?.Trim().ToLowerInvariant() switch
        {
            "on" or "true" or "yes" => true,
            "off" or "false" or "no" => false,
            _ => throw new ConfigurationException(
                $"{ConfigPath}.{key} = {Describe(value)} is not valid: allowed values are on and off (or true/false, yes/no)."),
        };
    }

    private static ImmutableArray<string> ReadStringList(Config section, string key)
    {
        // Akka's GetStringList returns an empty list for a plain string: check the shape first, so a typo
        // such as allowed-types = "MyApp." cannot silently switch the list off.
        var value = section.GetValue(key);
        if (!IsList(value))
        {
            throw new ConfigurationException(
                $"{ConfigPath}.{key} = {Describe(value)} is not valid: expected a list of type-name prefixes such as " +
                "[\"MyApp.Messages.\", \"MyApp.Ping\"], or [] for no list.");
        }

        var items = value.GetArray();
        var result = ImmutableArray.CreateBuilder<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (!items[i].IsString())
            {
                throw new ConfigurationException(
                    $"{ConfigPath}.{key}[{i}] is not a string: expected a type-name prefix such as \"MyApp.Messages.\".");
            }

            result.Add(items[i].GetString());
        }

        return result.MoveToImmutable();
    }

    // HoconValue.IsArray() is false for a literal [] without spaces, although GetArray() reads it as empty.
    private static bool IsList([NotNullWhen(true)] HoconValue? value) =>
        value is not null && (value.IsArray() || (value.Values.Count > 0 && value.Values.All(v => v is HoconArray)));

    // Never HoconValue.ToString(): it can recurse without end on unresolved substitutions.
    private static string Describe(HoconValue? value) => value switch
    {
        null => "(missing)",
        _ when value.IsString() => $"'{value.GetString()}'",
        _ when IsList(value) => "a list",
        _ when value.IsObject() => "an object",
        _ => "(unreadable)",
    };

    private static bool IsTypeNamePrefix(string? entry)
    {
        if (string.IsNullOrEmpty(entry) || !(char.IsLetter(entry[0]) || entry[0] == '_'))
        {
            return false;
        }

        foreach (var c in entry)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '.' or '+' or '`'))
            {
                return false;
            }
        }

        return !entry.Contains("..", StringComparison.Ordinal);
    }
}
