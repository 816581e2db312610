using Akka.Event;

namespace Actors.Remote.Tests.Support;

/// <summary>A logging adapter that keeps every warning it is given, for tests that check what was said.</summary>
public sealed class CapturingLogger() : LoggingAdapterBase(DefaultLogMessageFormatter.Instance)
{
    private readonly List<string> _warnings = [];

    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_warnings)
            {
                return [.. _warnings];
            }
        }
    }

    public override bool IsDebugEnabled => false;

    public override bool IsInfoEnabled => false;

    public override bool IsWarningEnabled => true;

    public override bool IsErrorEnabled => true;

    protected override void NotifyLog(LogLevel logLevel, object message, Exception? cause = null)
    {
        if (logLevel == LogLevel.WarningLevel)
        {
            lock (_warnings)
            {
                _warnings.Add(message.ToString() ?? "");
            }
        }
    }
}
