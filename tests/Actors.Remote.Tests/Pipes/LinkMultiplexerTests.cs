using System.Threading.Channels;
using Actors.Remote.Pipes.Multiplexing;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Event;

namespace Actors.Remote.Tests.Pipes;

/// <summary>Two multiplexers joined by real in-process pipes, as a parent and a child are.</summary>
public sealed class LinkMultiplexerTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly InProcessPipe _parentToChild = new();
    private readonly InProcessPipe _childToParent = new();
    private readonly Channel<LinkChannelStream> _openedAtParent = Channel.CreateUnbounded<LinkChannelStream>();
    private readonly Channel<LinkChannelStream> _openedAtChild = Channel.CreateUnbounded<LinkChannelStream>();
    private readonly ActorSystem _system = ActorSystem.Create("link-tests");
    private readonly LinkMultiplexer _parent;
    private readonly LinkMultiplexer _child;

    public LinkMultiplexerTests()
    {
        var log = Logging.GetLogger(_system, "link");
        _parent = new LinkMultiplexer(_childToParent.Reader, _parentToChild.Writer, opensEvenChannels: true, c => _openedAtParent.Writer.TryWrite(c), log, "parent");
        _child = new LinkMultiplexer(_parentToChild.Reader, _childToParent.Writer, opensEvenChannels: false, c => _openedAtChild.Writer.TryWrite(c), log, "child");
    }

    public Task InitializeAsync()
    {
        _parent.Start();
        _child.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _parent.DisposeAsync();
        await _child.DisposeAsync();
        _parentToChild.Dispose();
        _childToParent.Dispose();
        await _system.Terminate().WaitAsync(Bound);
    }

    [Fact]
    public async Task OpenChannel_BothSidesAtOnce_EachPeerSeesTheOtherSidesChannelWithItsOwnParity()
    {
        var fromParent = await _parent.OpenChannelAsync(CancellationToken.None);
        var fromChild = await _child.OpenChannelAsync(CancellationToken.None);

        var seenByChild = await _openedAtChild.Reader.ReadAsync().AsTask().WaitAsync(Bound);
        var seenByParent = await _openedAtParent.Reader.ReadAsync().AsTask().WaitAsync(Bound);

        Assert.Equal((0, 1), (fromParent.Channel, fromChild.Channel));
        Assert.Equal((fromParent.Channel, fromChild.Channel), (seenByChild.Channel, seenByParent.Channel));
    }

    [Fact]
    public async Task Read_OnAChannelDisposedBeforeOrDuringIt_ThrowsObjectDisposedAsAClosedSocketDoes()
    {
        var channel = await _parent.OpenChannelAsync(CancellationToken.None);
        await _openedAtChild.Reader.ReadAsync().AsTask().WaitAsync(Bound);

        // A lane's reading thread blocks in Read while another thread closes the lane's connection.
        var during = Task.Run(() => channel.Read(new byte[16], 0, 16));
        channel.Dispose();

        Assert.IsType<ObjectDisposedException>(await Record.ExceptionAsync(() => during.WaitAsync(Bound)));
        Assert.IsType<ObjectDisposedException>(await Record.ExceptionAsync(() => channel.ReadAsync(new byte[16]).AsTask().WaitAsync(Bound)));
    }

    [Fact]
    public async Task Write_OnTwoChannels_EachPeerChannelReadsOnlyItsOwnBytes()
    {
        var first = await _parent.OpenChannelAsync(CancellationToken.None);
        var second = await _parent.OpenChannelAsync(CancellationToken.None);
        var firstAtChild = await _openedAtChild.Reader.ReadAsync().AsTask().WaitAsync(Bound);
        var secondAtChild = await _openedAtChild.Reader.ReadAsync().AsTask().WaitAsync(Bound);

        await first.WriteAsync("first"u8.ToArray());
        await second.WriteAsync("second"u8.ToArray());
        await first.WriteAsync("+more"u8.ToArray());

        Assert.Equal("first+more"u8.ToArray(), await ReadExactlyAsync(firstAtChild, 10));
        Assert.Equal("second"u8.ToArray(), await ReadExactlyAsync(secondAtChild, 6));
    }

    [Fact]
    public async Task Write_LargerThanOneRecord_ArrivesWholeAndInOrder()
    {
        var channel = await _child.OpenChannelAsync(CancellationToken.None);
        var atParent = await _openedAtParent.Reader.ReadAsync().AsTask().WaitAsync(Bound);
        var payload = new byte[LinkMultiplexer.MaximumChunkLength * 3 + 17];
        Random.Shared.NextBytes(payload);

        var write = channel.WriteAsync(payload).AsTask();
        var received = await ReadExactlyAsync(atParent, payload.Length);
        await write.WaitAsync(Bound);

        Assert.Equal(payload, received);
    }

    [Fact]
    public async Task Dispose_OfOneChannel_GivesThePeerEndOfStreamAndLeavesOtherChannelsWorking()
    {
        var closing = await _parent.OpenChannelAsync(CancellationToken.None);
        var staying = await _parent.OpenChannelAsync(CancellationToken.None);
        var closingAtChild = await _openedAtChild.Reader.ReadAsync().AsTask().WaitAsync(Bound);
        var stayingAtChild = await _openedAtChild.Reader.ReadAsync().AsTask().WaitAsync(Bound);

        await closing.DisposeAsync();

        Assert.Equal(0, await closingAtChild.ReadAsync(new byte[8]).AsTask().WaitAsync(Bound));
        await staying.WriteAsync("alive"u8.ToArray());
        Assert.Equal("alive"u8.ToArray(), await ReadExactlyAsync(stayingAtChild, 5));
    }

    [Fact]
    public async Task LinkEnd_WhenThePeerGoesAway_EndsEveryChannelAndCompletesTheLink()
    {
        var channel = await _child.OpenChannelAsync(CancellationToken.None);
        var atParent = await _openedAtParent.Reader.ReadAsync().AsTask().WaitAsync(Bound);

        // The child process dying closes its end of the pipe it writes.
        _childToParent.Writer.Dispose();

        Assert.Equal(0, await atParent.ReadAsync(new byte[8]).AsTask().WaitAsync(Bound));
        await _parent.Completion.WaitAsync(Bound);
        Assert.NotNull(channel);
    }

    [Fact]
    public async Task MalformedRecord_FromThePeer_DropsTheLinkInsteadOfTheProcess()
    {
        var channel = await _parent.OpenChannelAsync(CancellationToken.None);
        var atChild = await _openedAtChild.Reader.ReadAsync().AsTask().WaitAsync(Bound);

        // A record of an unknown type, written straight into the pipe past the multiplexer.
        await _parentToChild.Writer.WriteAsync(new byte[] { 0x7F, 0, 0, 0, 0, 0, 0, 0, 0 });

        await _child.Completion.WaitAsync(Bound);
        Assert.Equal(0, await atChild.ReadAsync(new byte[8]).AsTask().WaitAsync(Bound));
        Assert.NotNull(channel);
    }

    [Fact]
    public async Task Open_OfAChannelWithThisSidesParity_IsAProtocolErrorThatDropsTheLink()
    {
        // The parent opens even channels; an Open for channel 0 coming from the child side is forged.
        var forged = new byte[LinkRecord.HeaderLength];
        new LinkRecord(LinkRecordType.Open, 0, 0).Encode(forged);
        await _childToParent.Writer.WriteAsync(forged);

        await _parent.Completion.WaitAsync(Bound);
        Assert.False(_openedAtParent.Reader.TryRead(out _));
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int length)
    {
        var buffer = new byte[length];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(Bound);
        return buffer;
    }
}
