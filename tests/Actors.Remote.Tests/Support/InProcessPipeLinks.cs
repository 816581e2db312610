using Actors.Remote.Pipes;
using Actors.Remote.Pipes.Multiplexing;
using Akka.Actor;
using Akka.Event;

namespace Actors.Remote.Tests.Support;

/// <summary>
/// Anonymous pipe links between systems of this process, as a parent and its child would be linked: the
/// point-to-point link the apipe transport has instead of a listener. Owns every pipe it makes.
/// </summary>
internal sealed class InProcessPipeLinks : IDisposable
{
    private readonly List<InProcessPipe> _pipes = [];
    private int _nextFakeChildId = 1_000_000_000;

    /// <summary>Links <paramref name="parent"/> and <paramref name="child"/> by a pipe pair.</summary>
    public void Connect(ActorSystem parent, ActorSystem child)
    {
        var toChild = Pipe();
        var toParent = Pipe();
        var pid = Environment.ProcessId;
        Transport(parent).AddChildLink(pid, toParent.Reader, toChild.Writer);
        Transport(child).AddParentLink(pid, toChild.Reader, toParent.Writer);
    }

    /// <summary>
    /// A channel over a second pipe pair linked to <paramref name="parent"/> as if from another child: there is no
    /// listener socket, so raw bytes for <paramref name="parent"/> go there.
    /// </summary>
    public async Task<Stream> OpenRawChannelAsync(ActorSystem parent, ILoggingAdapter log)
    {
        var toParent = Pipe();
        var toTest = Pipe();
        Transport(parent).AddChildLink(Interlocked.Increment(ref _nextFakeChildId), toParent.Reader, toTest.Writer);
        var link = new LinkMultiplexer(toTest.Reader, toParent.Writer, opensEvenChannels: false, _ => { }, log, "raw test link");
        link.Start();
        return await link.OpenChannelAsync(CancellationToken.None);
    }

    public void Dispose() => _pipes.ForEach(p => p.Dispose());

    private static AnonymousPipeTransport Transport(ActorSystem system) =>
        AnonymousPipeTransport.For(system) ?? throw new InvalidOperationException($"{system.Name} has no anonymous pipe transport");

    private InProcessPipe Pipe()
    {
        var pipe = new InProcessPipe();
        _pipes.Add(pipe);
        return pipe;
    }
}
