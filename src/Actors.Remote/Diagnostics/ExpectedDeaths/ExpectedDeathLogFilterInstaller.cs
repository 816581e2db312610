using System.Reflection;
using Akka.Actor;
using Akka.Event;

namespace Actors.Remote.Diagnostics.ExpectedDeaths;

/// <summary>
/// Puts <see cref="ExpectedDeathLogFilter"/> in front of a system's log filter, so a planned kill of a
/// local peer logs no ERROR with no setting at all. Akka 1.5 takes log filters only from an
/// <c>ActorSystemSetup</c> given at creation, which a provider cannot add: the filter is set on the two
/// places Akka reads it from (the console logger's <c>Filter</c>, whose setter is internal, and
/// <c>Settings.LogFilter</c>). If a later Akka moves them, this warns once and changes nothing; the
/// filter can then still be given through <see cref="LogFilterSetup"/>.
/// </summary>
internal static class ExpectedDeathLogFilterInstaller
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    public static void Install(Settings settings, ILoggingAdapter log)
    {
        if (settings.LogFilter is ExpectedDeathLogFilterEvaluator)
        {
            return;
        }

        var evaluator = new ExpectedDeathLogFilterEvaluator(settings.LogFilter);
        var consoleFilter = typeof(MinimalLogger).GetProperty(nameof(MinimalLogger.Filter), Instance)?.GetSetMethod(nonPublic: true);
        var settingsFilter = typeof(Settings).GetField($"<{nameof(Settings.LogFilter)}>k__BackingField", Instance);
        if (consoleFilter is null || settingsFilter is null)
        {
            log.Warning(
                "the expected-death log filter could not be installed (this Akka keeps its log filter elsewhere): a confirmed peer exit logs as an association error; add {0} through a LogFilterSetup",
                nameof(ExpectedDeathLogFilter));
            return;
        }

        settingsFilter.SetValue(settings, evaluator);
        if (settings.StdoutLogger is { } console && console.Filter is not ExpectedDeathLogFilterEvaluator)
        {
            consoleFilter.Invoke(console, [new ExpectedDeathLogFilterEvaluator(console.Filter)]);
        }
    }
}
