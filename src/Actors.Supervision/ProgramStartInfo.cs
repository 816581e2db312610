using System.Diagnostics;

namespace Actors.Supervision;

/// <summary>
/// How a peer program is started: a <c>.dll</c> runs through the dotnet host, anything else is executed;
/// standard input, output and error are redirected so the starter can talk to it and read its lines.
/// </summary>
public static class ProgramStartInfo
{
    /// <summary>The start info for <paramref name="program"/> with <paramref name="arguments"/>.</summary>
    public static ProcessStartInfo Create(string program, IEnumerable<string> arguments)
    {
        var isAssembly = program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var startInfo = new ProcessStartInfo(isAssembly ? DotnetHost() : program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (isAssembly)
        {
            startInfo.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    /// <summary>
    /// The program to start for another process of this same program: the entry assembly when this one
    /// runs as <c>dotnet Program.dll</c>, else this process's own executable (an app host).
    /// </summary>
    public static string ThisProgram()
    {
        var processPath = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(processPath) == "dotnet" ? System.Reflection.Assembly.GetEntryAssembly()!.Location : processPath;
    }

    /// <summary>The dotnet host running this process when it is dotnet itself, else dotnet from PATH.</summary>
    public static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
