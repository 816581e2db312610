using Actors.Remote.Configuration;
using Actors.Remote.FastLane;
using Actors.Remote.Handshake;
using Actors.Remote.SharedMemory;
using Actors.Remote.Tests.Support;
using Akka.Configuration;
using FsCheck.Xunit;

namespace Actors.Remote.Tests.FastLane;

/// <summary>
/// The move of a stream lane into a shared-memory ring, over a real connection and real shared memory: it
/// happens when both ends say the same machine identity, and otherwise (another machine, container or user,
/// or no segment to be had) both ends stay on the stream, in step with each other.
/// </summary>
public sealed class RingUpgradeSpec
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static readonly MachineIdentity Ours = MachineIdentity.OfThisProcess()
        ?? throw new InvalidOperationException("this machine does not say its identity (no /proc)");

    public static TheoryData<string> OtherPeers => ["another machine", "another container", "another user"];

    [Fact]
    public async Task Ends_on_one_machine_as_one_user_map_one_segment()
    {
        var (opener, acceptor) = ConnectedPairs.Unix();
        await using var _ = opener;
        await using var __ = acceptor;
        var settings = Settings(SegmentFiles.ResolveDirectory(""));

        var offered = RingUpgrade.OfferAsync(opener, Ours, settings, CancellationToken.None);
        var (accepted, acceptorWhy) = await RingUpgrade.AcceptAsync(acceptor, Ours, settings, CancellationToken.None).WaitAsync(Bound);
        var (segment, openerWhy) = await offered.WaitAsync(Bound);
        using var openerSegment = segment;
        using var acceptorSegment = accepted;

        Assert.True(openerSegment is not null, openerWhy);
        Assert.True(acceptorSegment is not null, acceptorWhy);
        Assert.Equal(openerSegment.Path, acceptorSegment.Path);
        Assert.False(File.Exists(openerSegment.Path), "the segment's name outlived the rendezvous");
    }

    [Theory]
    [MemberData(nameof(OtherPeers))]
    public async Task A_peer_elsewhere_keeps_the_lane_on_the_stream_and_both_ends_stay_in_step(string peer)
    {
        var theirs = peer switch
        {
            "another machine" => Ours with { BootId = Guid.NewGuid() },
            "another container" => Ours with { MountNamespace = Ours.MountNamespace + 1 },
            _ => Ours with { UserId = Ours.UserId + 1 },
        };

        var (openerWhy, acceptorWhy) = await BothStayOnTheStreamAsync(Ours, theirs, Settings(SegmentFiles.ResolveDirectory("")), Settings(SegmentFiles.ResolveDirectory("")));

        Assert.Contains(peer, openerWhy);
        Assert.Contains(peer, acceptorWhy);
    }

    [Fact]
    public async Task A_segment_the_opener_cannot_make_keeps_the_lane_on_the_stream()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"actors-no-such-directory-{Guid.NewGuid():N}");

        var (openerWhy, acceptorWhy) = await BothStayOnTheStreamAsync(Ours, Ours, Settings(missing), Settings(SegmentFiles.ResolveDirectory("")));

        Assert.Contains(missing, openerWhy);
        Assert.Contains("the peer could not create a shared-memory segment", acceptorWhy);
    }

    [Fact]
    public async Task A_segment_the_acceptor_cannot_see_keeps_the_lane_on_the_stream()
    {
        // The identities match and yet the two ends see different directories: the rendezvous, not the
        // identity, is the proof that they share memory.
        var elsewhere = Directory.CreateTempSubdirectory("actors-other-shm-");
        try
        {
            var (openerWhy, acceptorWhy) = await BothStayOnTheStreamAsync(Ours, Ours, Settings(SegmentFiles.ResolveDirectory("")), Settings(elsewhere.FullName));

            Assert.Contains("the peer refused the shared-memory segment", openerWhy);
            Assert.Contains("refused the peer's shared-memory segment", acceptorWhy);
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }

    [Fact]
    public void Rings_are_offered_only_when_both_hellos_carry_the_flag()
    {
        var peerWithRings = TransportHello.ForThisProcess(flags: TransportHello.LaneFlag | TransportHello.RingLaneFlag);
        var peerWithout = TransportHello.ForThisProcess(flags: TransportHello.LaneFlag);

        Assert.True(RingUpgrade.IsOffered(TransportHello.RingLaneFlag, peerWithRings));
        Assert.False(RingUpgrade.IsOffered(TransportHello.RingLaneFlag, peerWithout));
        Assert.False(RingUpgrade.IsOffered(0, peerWithRings));
    }

    [Property(MaxTest = 200)]
    public bool Whatever_a_peer_sends_where_its_identity_and_offer_belong_the_acceptor_stays_on_the_stream_or_refuses(byte[] bytes, bool withOurIdentity)
    {
        bytes ??= [];
        if (withOurIdentity)
        {
            // Get past the identity so that the offer is tried too.
            var identity = new byte[MachineIdentity.EncodedLength];
            Ours.Encode(identity);
            bytes = [.. identity, .. bytes];
        }

        var (acceptor, peer) = ConnectedPairs.Unix();
        using var _ = acceptor;
        using var __ = peer;
        peer.Write(bytes);
        peer.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        try
        {
            var (segment, _) = RingUpgrade.AcceptAsync(acceptor, Ours, Settings(SegmentFiles.ResolveDirectory("")), CancellationToken.None).WaitAsync(Bound).GetAwaiter().GetResult();
            return segment is null;
        }
        catch (HandshakeException)
        {
            return true;
        }
    }

    /// <summary>Runs both ends; asserts that neither got a segment and that a byte sent afterwards arrives as the next byte.</summary>
    private static async Task<(string OpenerWhy, string AcceptorWhy)> BothStayOnTheStreamAsync(
        MachineIdentity openerIdentity, MachineIdentity acceptorIdentity, SharedMemorySettings openerSettings, SharedMemorySettings acceptorSettings)
    {
        var (opener, acceptor) = ConnectedPairs.Unix();
        await using var _ = opener;
        await using var __ = acceptor;

        var offered = RingUpgrade.OfferAsync(opener, openerIdentity, openerSettings, CancellationToken.None);
        var (accepted, acceptorWhy) = await RingUpgrade.AcceptAsync(acceptor, acceptorIdentity, acceptorSettings, CancellationToken.None).WaitAsync(Bound);
        var (segment, openerWhy) = await offered.WaitAsync(Bound);
        Assert.Null(segment);
        Assert.Null(accepted);

        // The lane's first frame byte follows on the same connection.
        await opener.WriteAsync(new byte[] { 0x5A });
        var next = new byte[1];
        await acceptor.ReadExactlyAsync(next).AsTask().WaitAsync(Bound);
        Assert.Equal(0x5A, next[0]);
        return (openerWhy, acceptorWhy);
    }

    private static SharedMemorySettings Settings(string segmentDirectory) =>
        SharedMemorySettings.FromConfig(new SettingsReader(ReferenceConfig.WithDefaults(Config.Empty, SharedMemoryTransport.ConfigPath), SharedMemoryTransport.ConfigPath))
            with { RingSize = 64 * 1024, SegmentDirectory = segmentDirectory };
}
