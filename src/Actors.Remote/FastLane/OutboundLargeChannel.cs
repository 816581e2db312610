using Akka.Actor;

namespace Actors.Remote.FastLane;

/// <summary>
/// The second channel of an open lane, for messages above <c>large-message-threshold</c>: a link of its own (a second
/// ring or connection) with its own lock, writer and drain, so copying a large record never holds the small channel's
/// lock. Its records carry the fences that keep per-pair order with the small channel (<see cref="ChannelFencing{TPair}"/>).
/// </summary>
internal sealed class OutboundLargeChannel
{
    private readonly Lock _gate = new();
    private readonly ChannelFencing<LanePair> _fencing;
    private readonly HeldRecordDrainer _drainer;

    // Counts a message that took the channel, before its bytes may leave (see OutboundLane.SentCount).
    private readonly Action _counted;

    // Guarded by _gate; null once closed.
    private ILaneSendingLink? _link;
    private LaneWriter? _writer;

    public OutboundLargeChannel(ILaneSendingLink link, LaneHub hub, ChannelFencing<LanePair> fencing, Action counted)
    {
        _counted = counted;
        _link = link;
        _fencing = fencing;
        _writer = new LaneWriter(link.Records, hub.Settings.DefinitionsLimit, hub.Settings.PendingLimit, hub.PathOf);
        _drainer = new HeldRecordDrainer(_gate, () => (_link, _writer));
        Name = link.Name;
    }

    /// <summary>The channel's link name, which the small channel's channel record carries.</summary>
    public string Name { get; }

    /// <summary>Writes <paramref name="message"/> behind its fence; null when the channel has closed (the caller takes the small channel's way).</summary>
    public LaneWriteResult? Write(LaneActorRef target, IActorRef sender, in EncodedMessage message, LanePair pair)
    {
        lock (_gate)
        {
            var link = _link;
            if (link is null || !link.TryEnter())
            {
                return null;
            }

            try
            {
                var result = _writer!.Write(target, sender, message, _fencing.LargeFence);
                if (result is LaneWriteResult.Written or LaneWriteResult.Held)
                {
                    _fencing.LargeWritten(pair);
                    _counted();
                }

                if (result == LaneWriteResult.Held)
                {
                    _drainer.StartUnsynchronized();
                }

                link.Flush();
                return result;
            }
            finally
            {
                link.Exit();
            }
        }
    }

    /// <summary>Starts watching the link (and, for a stream, writing its records).</summary>
    public void Start() => _link?.Start();

    /// <summary>Closes the channel's link; returns how many messages were still waiting for room.</summary>
    public int Close()
    {
        ILaneSendingLink? link;
        int held;
        lock (_gate)
        {
            link = _link;
            held = _writer?.HeldMessages ?? 0;
            _link = null;
            _writer = null;
        }

        link?.Dispose();
        return held;
    }
}
