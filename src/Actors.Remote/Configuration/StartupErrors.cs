using System.Diagnostics.CodeAnalysis;
using Actors.Remote.Streams;
using Akka.Configuration;

namespace Actors.Remote.Configuration;

/// <summary>
/// Finds the one-line cause of a failed start. Akka reports a transport's failure several layers down
/// (<c>Remoting error: [Startup failed]</c> around an aggregate around a reflection error around ours);
/// a program wants to print the line that says what went wrong: a bad setting
/// (<see cref="ConfigurationException"/>) or a listener that could not start (<see cref="TransportStartupException"/>).
/// </summary>
public static class StartupErrors
{
    /// <summary>The first configuration mistake or transport start-up failure in <paramref name="error"/> or anything it wraps.</summary>
    public static bool TryFindCause(Exception error, [NotNullWhen(true)] out Exception? cause)
    {
        ArgumentNullException.ThrowIfNull(error);
        var pending = new Stack<Exception>();
        pending.Push(error);
        while (pending.TryPop(out var current))
        {
            if (current is ConfigurationException or TransportStartupException)
            {
                cause = current;
                return true;
            }

            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.Reverse())
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is not null)
            {
                pending.Push(current.InnerException);
            }
        }

        cause = null;
        return false;
    }

    /// <summary>The line a program prints for <paramref name="cause"/>, one found by <see cref="TryFindCause"/>.</summary>
    public static string Describe(Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return cause is ConfigurationException ? $"configuration error: {cause.Message}" : $"start-up failed: {cause.Message}";
    }
}
