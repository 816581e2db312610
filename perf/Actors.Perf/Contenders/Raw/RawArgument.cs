namespace Actors.Perf.Contenders.Raw;

/// <summary>The partner's argument for a raw mechanism: how many links, then what the mechanism needs (a path, a port, handles).</summary>
public static class RawArgument
{
    private const char Separator = '|';

    public static string Join(int links, string value) => $"{links}{Separator}{value}";

    public static (int Links, string Value) Split(string argument)
    {
        var separator = argument.IndexOf(Separator);
        return separator > 0 && int.TryParse(argument.AsSpan(0, separator), out var links) && links > 0
            ? (links, argument[(separator + 1)..])
            : throw new ArgumentException($"not a raw partner argument (links{Separator}value): {argument}");
    }
}
