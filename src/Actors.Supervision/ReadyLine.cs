using Akka.Actor;

namespace Actors.Supervision;

/// <summary>
/// The line a child ActorSystem prints on standard output once it listens: <c>READY &lt;address&gt;</c>.
/// </summary>
public static class ReadyLine
{
    private const string Prefix = "READY ";

    /// <summary>The line announcing <paramref name="address"/>.</summary>
    public static string Format(Address address) => Prefix + address;

    /// <summary>Reads the address out of a ready line.</summary>
    public static bool TryParse(string line, out Address address)
    {
        address = Address.AllSystems;
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        return Address.TryParse(line[Prefix.Length..].Trim(), out address!);
    }
}
