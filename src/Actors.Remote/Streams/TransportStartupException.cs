namespace Actors.Remote.Streams;

/// <summary>
/// A transport of ours could not start listening. Its message is the cause in one line (listener id
/// or port in use, runtime directory unusable, host name that does not resolve); Akka wraps it several
/// layers deep in <c>ActorSystem.Create</c>'s error, where <see cref="Configuration.StartupErrors"/> finds it.
/// </summary>
public sealed class TransportStartupException : Exception
{
    /// <summary>Creates the error with <paramref name="message"/> as it is.</summary>
    public TransportStartupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with <paramref name="message"/> as it is, caused by <paramref name="innerException"/>.</summary>
    public TransportStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the error with no message.</summary>
    public TransportStartupException()
    {
    }

    /// <summary>The error for <paramref name="scheme"/>'s failed start, caused by <paramref name="cause"/>: "uds transport could not start: ...".</summary>
    public static TransportStartupException Of(string scheme, Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return new($"{scheme} transport could not start: {cause.Message.ReplaceLineEndings(" ")}", cause);
    }
}
