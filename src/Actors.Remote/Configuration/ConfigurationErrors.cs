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
    /// Runs a program's work; if it fails on a configuration mistake or a transport that could not start,
    /// prints the cause as one line on standard error (<c>configuration error: ...</c>,
    /// <c>start-up failed: ...</c>) and returns exit code 2 instead of a stack trace. Any other failure
    /// propagates unchanged.
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
            await Console.Error.WriteLineAsync(StartupErrors.Describe(mistake)).ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (StartupErrors.TryFindCause(e, out var cause))
        {
            await Console.Error.WriteLineAsync(StartupErrors.Describe(cause)).ConfigureAwait(false);
            return 2;
        }
    }

    /// <summary>Finds the first <see cref="ConfigurationException"/> in <paramref name="error"/> or anything it wraps.</summary>
    public static bool TryFind(Exception error, [NotNullWhen(true)] out ConfigurationException? found)
    {
        ArgumentNullException.ThrowIfNull(error);
        var current = error;
        while (StartupErrors.TryFindCause(current, out var cause))
        {
            if (cause is ConfigurationException configuration)
            {
                found = configuration;
                return true;
            }

            // A transport's start-up failure may itself wrap a configuration mistake: look past it.
            if (cause.InnerException is null)
            {
                break;
            }

            current = cause.InnerException;
        }

        found = null;
        return false;
    }
}
