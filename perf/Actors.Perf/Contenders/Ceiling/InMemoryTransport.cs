using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Threading.Channels;
using Actors.Remote.Streams;
using Akka.Actor;
using Akka.Configuration;

namespace Actors.Perf.Contenders.Ceiling;

/// <summary>
/// An Akka.Remote transport with no I/O at all, for systems inside one process: each association is a
/// pair of in-memory pipes (System.IO.Pipelines) under the very same <see cref="StreamAssociationHandle"/>
/// the socket and pipe transports use (hello, framing, batching, back-pressure). What it measures is
/// what Akka.Remote itself allows: the same handle code minus the operating system.
/// Address: <c>akka.mem://system@in-memory:id</c>.
/// </summary>
/// <remarks>Every setting sits in the suite's Configs/ceiling.conf; Actors.Remote has no defaults for it.</remarks>
internal sealed class InMemoryTransport(ActorSystem system, Config config)
    : StreamTransport(system, config, ConfigPath, Scheme)
{
    public const string Scheme = "mem";

    public const string ConfigPath = "akka.remote.actors.mem";

    private const string Host = "in-memory";

    // Pipes hold up to this much before a writer waits: room for several 64 KiB frames.
    private static readonly PipeOptions s_pipeOptions = new(pauseWriterThreshold: 1024 * 1024, resumeWriterThreshold: 512 * 1024);

    private static readonly ConcurrentDictionary<int, ChannelWriter<AcceptedStream>> s_listeners = new();
    private static int s_lastId;

    private int _id;

    protected override Task<IStreamListener> BindAsync(CancellationToken cancellationToken)
    {
        _id = Interlocked.Increment(ref s_lastId);
        var accepted = Channel.CreateUnbounded<AcceptedStream>();
        s_listeners[_id] = accepted.Writer;
        return Task.FromResult<IStreamListener>(
            new ChannelStreamListener(new Address(SchemeIdentifier, System.Name, Host, _id), accepted.Reader));
    }

    protected override async Task<Stream> ConnectAsync(Address remoteAddress, CancellationToken cancellationToken)
    {
        if (remoteAddress.Port is not { } id || !s_listeners.TryGetValue(id, out var listener))
        {
            throw new InvalidOperationException($"no in-memory listener at {remoteAddress}");
        }

        var toListener = new Pipe(s_pipeOptions);
        var toConnector = new Pipe(s_pipeOptions);
        var listenerEnd = new DuplexPipeStream(toListener.Reader.AsStream(), toConnector.Writer.AsStream());
        await listener.WriteAsync(new AcceptedStream(listenerEnd, null, null), cancellationToken);
        return new DuplexPipeStream(toConnector.Reader.AsStream(), toListener.Writer.AsStream());
    }

    protected override ValueTask OnShutdownAsync()
    {
        if (s_listeners.TryRemove(_id, out var listener))
        {
            listener.TryComplete();
        }

        return ValueTask.CompletedTask;
    }
}
