using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Akka.Actor;

namespace Actors.Remote.Streams;

/// <summary>
/// Per actor system: the stream transports that listen (by Akka protocol, <c>akka.uds</c>), so the fast
/// lane finds the transport of its address, and the lane's acceptor, so a transport hands it the
/// connections peers open as lanes. Akka creates transports by reflection; this is how the two meet.
/// </summary>
internal static class StreamLaneRegistry
{
    private static readonly ConditionalWeakTable<ActorSystem, Entry> s_entries = new();

    /// <summary>Records that <paramref name="transport"/> listens for <paramref name="system"/> under <paramref name="protocol"/>.</summary>
    public static void AddTransport(ActorSystem system, string protocol, StreamTransport transport) =>
        s_entries.GetOrCreateValue(system).Transports[protocol] = transport;

    /// <summary>Forgets <paramref name="transport"/> (it has shut down).</summary>
    public static void RemoveTransport(ActorSystem system, string protocol, StreamTransport transport)
    {
        if (s_entries.TryGetValue(system, out var entry))
        {
            entry.Transports.TryRemove(new KeyValuePair<string, StreamTransport>(protocol, transport));
        }
    }

    /// <summary>The stream transport that listens under <paramref name="protocol"/> (with Akka's prefix); null for none.</summary>
    public static StreamTransport? TransportFor(ActorSystem system, string protocol) =>
        s_entries.TryGetValue(system, out var entry) && entry.Transports.TryGetValue(protocol, out var transport) ? transport : null;

    /// <summary>Sets (or with null clears) who takes lane connections for <paramref name="system"/>.</summary>
    public static void SetAcceptor(ActorSystem system, ILaneConnectionAcceptor? acceptor) =>
        Volatile.Write(ref s_entries.GetOrCreateValue(system).Acceptor, acceptor);

    /// <summary>Who takes lane connections for <paramref name="system"/>; null while its lane is off.</summary>
    public static ILaneConnectionAcceptor? AcceptorOf(ActorSystem system) =>
        s_entries.TryGetValue(system, out var entry) ? Volatile.Read(ref entry.Acceptor) : null;

    private sealed class Entry
    {
        public readonly ConcurrentDictionary<string, StreamTransport> Transports = new(StringComparer.Ordinal);
        public ILaneConnectionAcceptor? Acceptor;
    }
}
