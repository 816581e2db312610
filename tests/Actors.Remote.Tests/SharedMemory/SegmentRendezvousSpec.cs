using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using Actors.Remote.Handshake;
using Actors.Remote.Native;
using Actors.Remote.SharedMemory;
using Actors.Remote.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Actors.Remote.Tests.SharedMemory;

/// <summary>
/// Setting up a segment over the control socket: a connecting side that cannot create its segment (a full
/// /dev/shm) tells the listener why, and whatever bytes a peer sends as its offer, the listener refuses
/// them with a handshake error and maps nothing.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class SegmentRendezvousSpec : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly string _directory = Directory.CreateTempSubdirectory("actors-rendezvous-").FullName;

    private SharedMemorySettings Settings => new(
        RingLayout.MinimumCapacity, WaitStrategy.Parking, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), _directory);

    [Fact]
    public async Task A_connecting_side_that_cannot_create_its_segment_tells_the_listener_why()
    {
        var (connecting, listening) = ConnectedPairs.Unix();
        using var _ = connecting;
        using var __ = listening;
        var missing = Path.Combine(_directory, "missing");

        var offer = SegmentRendezvous.OfferAsync(connecting, Settings with { SegmentDirectory = missing }, CancellationToken.None);
        var accept = SegmentRendezvous.AcceptAsync(listening, Settings, Interop.GetEUid(), CancellationToken.None);

        await Assert.ThrowsAnyAsync<IOException>(() => offer.WaitAsync(Bound));
        var refused = await Assert.ThrowsAsync<HandshakeException>(() => accept.WaitAsync(Bound));
        Assert.StartsWith("the peer could not create a shared-memory segment: ", refused.Message);
        Assert.Contains(missing, refused.Message);
    }

    [Fact]
    public async Task The_reason_a_peer_gives_is_logged_without_its_control_characters()
    {
        var refused = await AcceptOfferAsync(NoSegment("disk full\n\u001b[31mFAKE LOG LINE"));

        Assert.Equal(@"the peer could not create a shared-memory segment: disk full\x0A\x1B[31mFAKE LOG LINE", refused.Message);
    }

    [Property(MaxTest = 100)]
    public Property Any_bytes_as_an_offer_are_refused_and_map_nothing() =>
        Prop.ForAll(Offers(), bytes =>
        {
            var refused = AcceptOfferAsync(bytes).GetAwaiter().GetResult();
            Assert.DoesNotContain('\n', refused.Message);
            Assert.Empty(Directory.EnumerateFiles(_directory));
        });

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Sends <paramref name="offer"/> and ends the stream; the listener's refusal.</summary>
    private async Task<HandshakeException> AcceptOfferAsync(byte[] offer)
    {
        var (peer, listening) = ConnectedPairs.Unix();
        using var _ = peer;
        using var __ = listening;
        await peer.WriteAsync(offer);
        peer.Socket.Shutdown(SocketShutdown.Send);
        return await Assert.ThrowsAsync<HandshakeException>(
            () => SegmentRendezvous.AcceptAsync(listening, Settings, Interop.GetEUid(), CancellationToken.None).WaitAsync(Bound));
    }

    private static byte[] NoSegment(string reason)
    {
        var text = Encoding.UTF8.GetBytes(reason);
        var message = new byte[8 + text.Length];
        BinaryPrimitives.WriteInt32LittleEndian(message, -1);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(4), text.Length);
        text.CopyTo(message, 8);
        return message;
    }

    /// <summary>Random bytes, and offers that follow the format with random lengths, names and reasons.</summary>
    private static Arbitrary<byte[]> Offers()
    {
        var random = ArbMap.Default.GeneratorFor<byte[]>();
        var lengths = Gen.OneOf(Gen.Constant(-1), Gen.Choose(-3, 300), Gen.Constant(int.MaxValue), Gen.Constant(int.MinValue));
        var framed =
            from length in lengths
            from body in random
            select Framed(length, body);
        var named =
            from name in Gen.Elements("actors-0-1-0.shm", "../actors-0-1-0.shm", "actors-x.shm", "actors-0-1-0.shm\0", "/etc/passwd", "x\n[ERROR] forged\u001b[0m")
            select Framed(Encoding.UTF8.GetByteCount(name), Encoding.UTF8.GetBytes(name));
        return Gen.OneOf(random, framed, named).ToArbitrary();
    }

    private static byte[] Framed(int length, byte[] body)
    {
        var message = new byte[4 + body.Length];
        BinaryPrimitives.WriteInt32LittleEndian(message, length);
        body.CopyTo(message, 4);
        return message;
    }
}
