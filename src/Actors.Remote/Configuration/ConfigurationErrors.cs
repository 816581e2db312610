using System.Diagnostics.CodeAnalysis;
using Akka.Configuration;

namespace Actors.Remote.Configuration;

/// <summary>
/// Finds the configuration mistake behind a failed start. Akka reports a bad setting of a transport
/// several layers down (an aggregate of an aggregate of a reflection error around our
/// <see cref="ConfigurationException"/>); a program wants to print the one line that says which key is
/// wrong and what it expects.
/// </summary>
public static class ConfigurationErrors
{
    /// <summary>
    /// Runs a program's work; if it fails on a configuration mistake, prints that mistake as one line on
    /// standard error (<c>configuration error: ...</c>) and returns exit code 2 instead of a stack trace.
    /// Any other failure propagates unchanged.
    /// </summary>
    public static async Task<int> ReportAsync(Func<Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (Exception e) when (TryFind(e, out var mistake))
        {
            await Console.Error.WriteLineAsync($"configuration error: {mistake.Message}").ConfigureAwait(false);
            return 2;
        }
    }

    /// <summary>Finds the first <see cref="ConfigurationException"/> in <paramref name="error"/> or anything it wraps.</summary>
    public static bool TryFind(Exception error, [NotNullWhen(true)] out ConfigurationException? found)
    {
        ArgumentNullException.ThrowIfNull(error);
        var pending = new Stack<Exception>();
        pending.Push(error);
        while (pending.TryPop(out var current))
        {
            if (current is ConfigurationException configuration)
            {
                found = configuration;
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

        found = null;
        return false;
    }
}
