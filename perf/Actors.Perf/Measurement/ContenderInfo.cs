namespace Actors.Perf.Measurement;

/// <summary>What the report says about a contender.</summary>
/// <param name="Name">Its name in the results and on <c>--transports</c>.</param>
/// <param name="Kind">ours, akka (DotNetty), ceiling, proto or raw.</param>
/// <param name="Description">One line for the reader.</param>
public sealed record ContenderInfo(string Name, string Kind, string Description)
{
    public const string Ours = "ours";
    public const string Akka = "akka";
    public const string Ceiling = "ceiling";
    public const string Proto = "proto";
    public const string Raw = "raw";
}
