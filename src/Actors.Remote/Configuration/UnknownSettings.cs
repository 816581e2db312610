using Akka.Configuration;
using Akka.Configuration.Hocon;
using Akka.Event;

namespace Actors.Remote.Configuration;

/// <summary>
/// Finds the keys a user wrote under <c>akka.remote.actors</c> that no setting of ours reads: a
/// misspelled key is otherwise ignored in silence and its default used.
/// </summary>
internal static class UnknownSettings
{
    /// <summary>Where our settings live; <c>reference.conf</c> holds every key we read below it.</summary>
    public const string RootPath = "akka.remote.actors";

    // Keys Akka itself reads in a transport's section, beside ours.
    private static readonly string[] s_akkaTransportKeys = ["transport-class", "applied-adapters", "transport-protocol"];

    /// <summary>Warns once per unknown key under <c>akka.remote.actors</c> in <paramref name="config"/>, naming the nearest known key.</summary>
    public static void Warn(Config config, ILoggingAdapter log)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(log);
        foreach (var warning in Find(config))
        {
            log.Warning(warning);
        }
    }

    /// <summary>One line per key under <c>akka.remote.actors</c> in <paramref name="config"/> that reference.conf does not know.</summary>
    public static IEnumerable<string> Find(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.HasPath(RootPath) || config.GetValue(RootPath) is not { } userRoot || !userRoot.IsObject())
        {
            yield break;
        }

        var known = KnownKeys();
        foreach (var key in Keys(userRoot))
        {
            if (known.Contains(key) || IsAkkaTransportKey(key, known))
            {
                continue;
            }

            var nearest = Nearest(key, known);
            yield return nearest is null
                ? $"unknown setting ignored: key={RootPath}.{key}"
                : $"unknown setting ignored: key={RootPath}.{key}, nearest known key={RootPath}.{nearest}";
        }
    }

    /// <summary>
    /// Every key of reference.conf below <c>akka.remote.actors</c>, and in each transport's section (one
    /// with a <c>transport-class</c>) the keys of <c>security</c>, which a transport may override in its own block.
    /// </summary>
    private static HashSet<string> KnownKeys()
    {
        var known = Keys(ReferenceConfig.Default.GetValue(RootPath)).ToHashSet(StringComparer.Ordinal);
        const string transportClass = ".transport-class";
        var transports = known.Where(k => k.EndsWith(transportClass, StringComparison.Ordinal)).Select(k => k[..^transportClass.Length]).ToArray();
        var security = known.Where(k => k.StartsWith("security.", StringComparison.Ordinal)).ToArray();
        known.UnionWith(transports.SelectMany(transport => security.Select(key => $"{transport}.{key}")));
        return known;
    }

    /// <summary>The dotted paths of every value below <paramref name="value"/> that is not itself an object.</summary>
    private static IEnumerable<string> Keys(HoconValue value, string prefix = "")
    {
        foreach (var (name, child) in value.GetObject().Items)
        {
            var path = prefix + name;
            if (child.IsObject() && child.GetObject().Items.Count > 0)
            {
                foreach (var nested in Keys(child, path + "."))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    private static bool IsAkkaTransportKey(string key, HashSet<string> known)
    {
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        return dot > 0
            && s_akkaTransportKeys.Contains(key[(dot + 1)..], StringComparer.Ordinal)
            && known.Any(k => k.StartsWith(key[..(dot + 1)], StringComparison.Ordinal));
    }

    /// <summary>
    /// The known key closest to <paramref name="key"/>: among the keys of the same section when that
    /// section exists (a misspelled key), else among all (a misspelled section); null when none is near
    /// (more edits than a third of the key's length).
    /// </summary>
    private static string? Nearest(string key, HashSet<string> known)
    {
        var dot = key.LastIndexOf('.');
        var section = dot > 0 ? key[..(dot + 1)] : string.Empty;
        var sameSection = known.Where(k => section.Length > 0 && k.StartsWith(section, StringComparison.Ordinal) && k.LastIndexOf('.') == dot).ToArray();
        var candidates = sameSection.Length > 0 ? sameSection : known.ToArray();
        var best = candidates.Select(k => (Key: k, Distance: EditDistance.Between(key, k))).MinBy(c => c.Distance);
        return best.Key is not null && best.Distance <= Math.Max(2, key.Length / 3) ? best.Key : null;
    }
}
