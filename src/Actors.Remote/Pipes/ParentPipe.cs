using System.Globalization;
using System.IO.Pipes;

namespace Actors.Remote.Pipes;

/// <summary>
/// How a child process finds the anonymous pipe pair its parent made for it: an environment variable
/// naming the two inherited handles and the parent's process id.
/// </summary>
/// <remarks>The value reads <c>v1:&lt;input handle&gt;:&lt;output handle&gt;:&lt;parent pid&gt;</c>, handles as .NET prints them.</remarks>
internal sealed record ParentPipe(string InputHandle, string OutputHandle, int ParentProcessId)
{
    /// <summary>The environment variable a parent sets for its child.</summary>
    public const string EnvironmentVariable = "ACTORS_PARENT_PIPE";

    private const string Version = "v1";

    /// <summary>The variable's value.</summary>
    public string Format() => string.Join(':', Version, InputHandle, OutputHandle, ParentProcessId.ToString(CultureInfo.InvariantCulture));

    /// <summary>Reads the variable, if set, and removes it so the child's own children do not take it for theirs.</summary>
    /// <exception cref="FormatException">The variable is set but not in the expected form.</exception>
    public static ParentPipe? TakeFromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        Environment.SetEnvironmentVariable(EnvironmentVariable, null);
        return Parse(value);
    }

    /// <summary>Parses a value made by <see cref="Format"/>.</summary>
    /// <exception cref="FormatException">The value is not in the expected form.</exception>
    public static ParentPipe Parse(string value)
    {
        var parts = value.Split(':');
        if (parts.Length != 4 || parts[0] != Version
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException($"{EnvironmentVariable}={value} is not valid: expected {Version}:<input handle>:<output handle>:<parent pid>");
        }

        return new ParentPipe(parts[1], parts[2], pid);
    }

    /// <summary>Opens the inherited pipe ends: what the parent writes, and where to write to it.</summary>
    public (Stream Input, Stream Output) Open() =>
        (new AnonymousPipeClientStream(PipeDirection.In, InputHandle), new AnonymousPipeClientStream(PipeDirection.Out, OutputHandle));
}
