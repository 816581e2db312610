using System.Reflection;
using Actors.Perf.Measurement;

namespace Actors.Perf.Partner;

/// <summary>How the suite starts itself again as a partner process.</summary>
public static class ThisProgram
{
    /// <summary>The hidden subcommand a partner runs.</summary>
    public const string PartnerCommand = "partner";

    /// <summary>The apphost when there is one, else this assembly (run through dotnet).</summary>
    public static string Path
    {
        get
        {
            var processPath = Environment.ProcessPath!;
            return System.IO.Path.GetFileNameWithoutExtension(processPath) == "dotnet"
                ? Assembly.GetEntryAssembly()!.Location
                : processPath;
        }
    }

    /// <summary>The arguments that make a partner for <paramref name="contender"/>.</summary>
    public static IReadOnlyList<string> PartnerArguments(string contender, string? argument = null) =>
        argument is null
            ? [PartnerCommand, "--contender", contender]
            : [PartnerCommand, "--contender", contender, "--argument", argument];

    /// <summary>The <c>--argument</c> that tells an actor partner its setup: none for the standard one.</summary>
    public static string? SetupArgument(ContenderSetup setup) => setup == ContenderSetup.Standard ? null : setup.ToString();

    /// <summary>The setup a partner was started for, from its <c>--argument</c>.</summary>
    public static ContenderSetup SetupFrom(string? argument) =>
        argument is null ? ContenderSetup.Standard : Enum.Parse<ContenderSetup>(argument);

    /// <summary>Time a partner gets to start and announce itself.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
}
