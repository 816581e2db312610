using Actors.Supervision;
using Akka.Event;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Actors.MultiProcess.Tests;

/// <summary>
/// Whatever a child writes and however fast, <see cref="ChildOutput"/> keeps exactly its last lines,
/// logs each line it lets through with its stream's level, never more than the rate allows, and
/// accounts for every line it held back.
/// </summary>
public sealed class ChildOutputProperties
{
    [Property(MaxTest = 500)]
    public bool The_tail_is_exactly_the_last_lines_kept(string[] lines, PositiveInt kept)
    {
        var linesKept = kept.Get % 40 + 1;
        var output = new ChildOutput(linesKept, null, 0);
        var written = lines.Select(l => l ?? "").ToArray();
        foreach (var line in written)
        {
            output.Add(line, fromStdout: true);
        }

        return output.Tail.SequenceEqual(written.Select(Cut).TakeLast(linesKept)) && output.LineCount == written.Length;
    }

    [Property(MaxTest = 500)]
    public Property Lines_are_logged_within_the_rate_and_every_held_back_line_is_counted(
        (NonNegativeInt GapMilliseconds, bool FromStdout)[] steps, PositiveInt rate)
    {
        var linesLoggedPerSecond = rate.Get % 20 + 1;
        var now = 0L;
        var log = new RecordingLog();
        var output = new ChildOutput(5, log, linesLoggedPerSecond, () => now);
        for (var i = 0; i < steps.Length; i++)
        {
            now += steps[i].GapMilliseconds.Get % 700;
            output.Add($"line {i}", steps[i].FromStdout);
        }

        output.ReportUnlogged();
        var logged = log.Entries.Where(e => e.Message.StartsWith("line ", StringComparison.Ordinal)).ToArray();
        var heldBack = log.Entries.Where(e => e.Message.Contains("lines of output not logged", StringComparison.Ordinal))
            .Sum(e => int.Parse(e.Message.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        var levelsMatch = logged.All(e =>
            e.Level == (steps[int.Parse(e.Message["line ".Length..], System.Globalization.CultureInfo.InvariantCulture)].FromStdout ? LogLevel.InfoLevel : LogLevel.WarningLevel));

        // A window lasts at least a second, so there are at most 1 + elapsed/1000 of them.
        var withinRate = logged.Length <= linesLoggedPerSecond * (1 + now / 1000);
        return (levelsMatch && withinRate && logged.Length + heldBack == steps.Length)
            .Label($"logged={logged.Length} held_back={heldBack} lines={steps.Length} elapsed_ms={now} rate={linesLoggedPerSecond}");
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_cut()
    {
        var output = new ChildOutput(2, null, 0);
        output.Add(new string('x', ChildOutput.MaximumLineLength * 3), fromStdout: false);

        Assert.Equal(ChildOutput.MaximumLineLength + 1, output.Tail.Single().Length);
    }

    private static string Cut(string line) =>
        line.Length > ChildOutput.MaximumLineLength ? string.Concat(line.AsSpan(0, ChildOutput.MaximumLineLength), "…") : line;

    /// <summary>Keeps what is logged, formatted, with its level.</summary>
    private sealed class RecordingLog() : LoggingAdapterBase(DefaultLogMessageFormatter.Instance)
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public override bool IsDebugEnabled => true;

        public override bool IsInfoEnabled => true;

        public override bool IsWarningEnabled => true;

        public override bool IsErrorEnabled => true;

        protected override void NotifyLog(LogLevel logLevel, object message, Exception? cause) =>
            Entries.Add((logLevel, message.ToString()!));
    }
}
