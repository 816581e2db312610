namespace Actors.Supervision;

/// <summary>A child process exited before it announced its address; the message's first line says so, its last lines follow.</summary>
public sealed class ChildExitedBeforeReadyException(string program, int exitCode, IReadOnlyList<string> lastLines)
    : InvalidOperationException(
        $"{program} exited with code {exitCode} before it was ready{Environment.NewLine}its last lines:{Environment.NewLine}{string.Join(Environment.NewLine, lastLines)}")
{
    /// <summary>The program that was started.</summary>
    public string Program { get; } = program;

    /// <summary>Its exit code (128 + n when signal n killed it).</summary>
    public int ExitCode { get; } = exitCode;
}
