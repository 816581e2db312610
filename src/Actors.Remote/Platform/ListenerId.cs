namespace Actors.Remote.Platform;

/// <summary>
/// Local listeners (uds, pipes, FIFOs, shm) are named by a listener id, the "port" of their address.
/// This picks the configured id, or a free one when the configuration says 0.
/// </summary>
internal static class ListenerId
{
    /// <summary>The highest id; ids share the range of TCP ports so addresses look familiar.</summary>
    public const int Maximum = 65535;

    private const int FreeIdAttempts = 64;

    /// <summary>Binds the configured id, or the first free random id when <paramref name="configured"/> is 0.</summary>
    /// <param name="configured">The id from HOCON; 0 means any free id.</param>
    /// <param name="tryBind">Binds an id; returns null when a live listener holds it.</param>
    /// <param name="where">Where the ids live, for the error message.</param>
    /// <exception cref="IOException">The configured id is held by a live listener, or no free id was found.</exception>
    public static T Bind<T>(int configured, Func<int, T?> tryBind, string where)
        where T : class
    {
        if (configured != 0)
        {
            return tryBind(configured) ?? throw new IOException($"listener id is in use: id={configured}, in {where}");
        }

        for (var attempt = 0; attempt < FreeIdAttempts; attempt++)
        {
            var bound = tryBind(Random.Shared.Next(1, Maximum + 1));
            if (bound is not null)
            {
                return bound;
            }
        }

        throw new IOException($"no free listener id found in {where} after {FreeIdAttempts} attempts");
    }
}
