using Hyperion;
using Microsoft.Extensions.ObjectPool;

namespace Actors.Serialization.Hyperion;

/// <summary>
/// Pools Hyperion's per-message sessions (see <see cref="SessionState"/>). A session never leaves the serializer and is
/// emptied on return, so the next message sees a fresh one.
/// </summary>
internal sealed class SessionPoolPolicy<TSession>(Func<TSession> create, Func<TSession, bool> tryReset) : PooledObjectPolicy<TSession>
    where TSession : class
{
    /// <inheritdoc />
    public override TSession Create() => create();

    /// <inheritdoc />
    public override bool Return(TSession session) => tryReset(session);
}
