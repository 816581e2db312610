using System.Threading.Channels;
using Akka.Actor;

namespace Actors.Remote.Streams;

/// <summary>A listener fed by someone else: streams are written into a channel and accepted from it in order.</summary>
internal sealed class ChannelStreamListener(Address localAddress, ChannelReader<AcceptedStream> accepted) : IStreamListener
{
    public Address LocalAddress { get; } = localAddress;

    public async Task<AcceptedStream> AcceptAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await accepted.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw new OperationCanceledException("the listener was closed", e, cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
