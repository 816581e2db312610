using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Actors.Remote.Handshake;
using Actors.Remote.Tests.Support;

namespace Actors.Remote.Tests.Handshake;

public sealed class TransportHelloTests
{
    /// <summary>Bounds every wait on a socket here; a hang fails the test instead of stalling the run.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task ExchangeAsync_WithListenAddresses_EachSideLearnsTheOthersAddress()
    {
        var (local, peer) = await ConnectedPairs.TcpAsync(Bound);
        await using var _ = local;
        await using var __ = peer;

        var fromPeer = Handshaker.ExchangeAsync(local, Bound, CancellationToken.None, "akka.uds://local@host:1");
        var fromLocal = await Handshaker.ExchangeAsync(peer, Bound, CancellationToken.None, "akka.uds://peer@host:2");

        Assert.Equal("akka.uds://peer@host:2", (await fromPeer.WaitAsync(Bound)).ListenAddress);
        Assert.Equal("akka.uds://local@host:1", fromLocal.ListenAddress);
    }

    [Fact]
    public void Decode_AddressLengthAboveTheMaximum_ThrowsNamingTheLength()
    {
        var encoded = new byte[TransportHello.EncodedLength];
        TransportHello.ForThisProcess().Encode(encoded);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(encoded.AsSpan(12), TransportHello.MaximumAddressLength + 1);

        var e = Assert.Throws<HandshakeException>(() => TransportHello.Decode(encoded));

        Assert.Contains($"length={TransportHello.MaximumAddressLength + 1}", e.Message);
    }

    [Fact]
    public async Task ExchangeAsync_RingLaneFlag_ReachesThePeerAndAnOlderHelloWithoutItOffersNoRing()
    {
        var (local, peer) = await ConnectedPairs.TcpAsync(Bound);
        await using var _ = local;
        await using var __ = peer;

        // This build's lane hello beside an older build's (flag bit 2 unknown to it, so never set).
        var fromPeer = Handshaker.ExchangeAsync(local, Bound, CancellationToken.None, flags: TransportHello.LaneFlag | TransportHello.RingLaneFlag);
        var fromLocal = await Handshaker.ExchangeAsync(peer, Bound, CancellationToken.None, flags: TransportHello.LaneFlag);

        Assert.True(fromLocal.AcceptsRingLane);
        Assert.True(fromLocal.OpensLane);
        Assert.False((await fromPeer.WaitAsync(Bound)).AcceptsRingLane);
    }

    [Fact]
    public void Decode_EncodedHello_RoundTripsEveryField()
    {
        var nonce = Enumerable.Range(100, TransportHello.NonceLength).Select(i => (byte)i).ToArray();
        var hello = new TransportHello(TransportHello.CurrentVersion, 0x0102, 424242, nonce);
        var encoded = new byte[TransportHello.EncodedLength];

        hello.Encode(encoded);
        var decoded = TransportHello.Decode(encoded);

        Assert.Equal(hello.Version, decoded.Version);
        Assert.Equal(hello.Flags, decoded.Flags);
        Assert.Equal(hello.ProcessId, decoded.ProcessId);
        Assert.Equal(nonce, decoded.Nonce.ToArray());
    }

    [Fact]
    public void Encode_Hello_WritesTheDocumentedLittleEndianLayout()
    {
        var nonce = Enumerable.Repeat((byte)0xEE, TransportHello.NonceLength).ToArray();
        var encoded = new byte[TransportHello.EncodedLength];
        Array.Fill(encoded, (byte)0x55);

        new TransportHello(1, 0x0302, 0x0A0B0C0D, nonce).Encode(encoded);

        Assert.Equal("AKTR", Encoding.ASCII.GetString(encoded, 0, 4));
        Assert.Equal(new byte[] { 1, 0, 2, 3 }, encoded[4..8]);
        Assert.Equal(new byte[] { 0x0D, 0x0C, 0x0B, 0x0A }, encoded[8..12]);
        Assert.Equal(new byte[4], encoded[12..16]);
        Assert.Equal(nonce, encoded[16..32]);
    }

    [Fact]
    public void ForThisProcess_TwoHellos_CarryThisProcessIdAndDifferentNonces()
    {
        var first = TransportHello.ForThisProcess();
        var second = TransportHello.ForThisProcess();

        Assert.Equal(Environment.ProcessId, first.ProcessId);
        Assert.Equal(TransportHello.CurrentVersion, first.Version);
        Assert.Equal(TransportHello.NonceLength, first.Nonce.Length);
        Assert.NotEqual(first.Nonce.ToArray(), second.Nonce.ToArray());
    }

    [Fact]
    public void Decode_WrongMagic_ThrowsNamingTheMagic()
    {
        var encoded = Encoded(TransportHello.ForThisProcess());
        Encoding.ASCII.GetBytes("HTTP").CopyTo(encoded, 0);

        var e = Assert.Throws<HandshakeException>(() => TransportHello.Decode(encoded));

        Assert.Contains("magic=0x50545448", e.Message);
        Assert.Contains($"expected=0x{TransportHello.Magic:X8}", e.Message);
    }

    [Fact]
    public void Decode_WrongVersion_ThrowsNamingBothVersions()
    {
        var encoded = Encoded(TransportHello.ForThisProcess());
        BinaryPrimitives.WriteUInt16LittleEndian(encoded.AsSpan(4), 7);

        var e = Assert.Throws<HandshakeException>(() => TransportHello.Decode(encoded));

        Assert.Contains("version=7", e.Message);
        Assert.Contains($"supported={TransportHello.CurrentVersion}", e.Message);
    }

    [Fact]
    public void Decode_TooShort_ThrowsNamingBothLengths()
    {
        var encoded = Encoded(TransportHello.ForThisProcess());

        var e = Assert.Throws<HandshakeException>(() => TransportHello.Decode(encoded.AsSpan(0, TransportHello.EncodedLength - 1)));

        Assert.Contains("too short", e.Message);
        Assert.Contains($"length={TransportHello.EncodedLength - 1}", e.Message);
        Assert.Contains($"expected={TransportHello.EncodedLength}", e.Message);
    }

    [Fact]
    public async Task ExchangeAsync_PeerSendsItsHello_ReturnsThePeersHello()
    {
        var (local, peer) = await ConnectedPairs.TcpAsync(Bound);
        await using var _ = local;
        await using var __ = peer;
        var peerNonce = Enumerable.Range(1, TransportHello.NonceLength).Select(i => (byte)i).ToArray();
        var peerHello = new TransportHello(TransportHello.CurrentVersion, 0x0100, 31337, peerNonce);

        var exchange = Handshaker.ExchangeAsync(local, Bound, CancellationToken.None);
        await peer.WriteAsync(Encoded(peerHello)).AsTask().WaitAsync(Bound);
        var received = new byte[TransportHello.EncodedLength];
        await peer.ReadExactlyAsync(received).AsTask().WaitAsync(Bound);
        var result = await exchange.WaitAsync(Bound);

        Assert.Equal(31337, result.ProcessId);
        Assert.Equal(0x0100, result.Flags);
        Assert.Equal(peerNonce, result.Nonce.ToArray());
        var sent = TransportHello.Decode(received);
        Assert.Equal(Environment.ProcessId, sent.ProcessId);
    }

    [Fact]
    public async Task ExchangeAsync_BothSidesOverUnixSockets_EachGetsTheOthersNonce()
    {
        var (left, right) = ConnectedPairs.Unix();
        await using var _ = left;
        await using var __ = right;

        var leftResult = Handshaker.ExchangeAsync(left, Bound, CancellationToken.None);
        var rightResult = Handshaker.ExchangeAsync(right, Bound, CancellationToken.None);
        var results = await Task.WhenAll(leftResult, rightResult).WaitAsync(Bound);

        Assert.Equal(Environment.ProcessId, results[0].ProcessId);
        Assert.Equal(Environment.ProcessId, results[1].ProcessId);
        Assert.NotEqual(results[0].Nonce.ToArray(), results[1].Nonce.ToArray());
    }

    [Fact]
    public async Task ExchangeAsync_SilentPeer_ThrowsNamingHandshakeTimeout()
    {
        var (local, peer) = await ConnectedPairs.TcpAsync(Bound);
        await using var _ = local;
        await using var __ = peer;

        var e = await Assert.ThrowsAsync<HandshakeException>(
            () => Handshaker.ExchangeAsync(local, ShortTimeout, CancellationToken.None).WaitAsync(Bound));

        Assert.Contains("handshake-timeout=300 ms", e.Message);
    }

    [Fact]
    public async Task ExchangeAsync_PeerClosesWithoutAHello_ThrowsClosedWithoutAWordAsAProbe()
    {
        var (local, peer) = await ConnectedPairs.TcpAsync(Bound);
        await using var _ = local;

        var exchange = Handshaker.ExchangeAsync(local, Bound, CancellationToken.None);

        // Read our hello first, so that closing sends a clean end of stream rather than a reset.
        await peer.ReadExactlyAsync(new byte[TransportHello.EncodedLength]).AsTask().WaitAsync(Bound);
        await peer.DisposeAsync();

        var e = await Assert.ThrowsAsync<HandshakeException>(() => exchange.WaitAsync(Bound));
        Assert.Contains("closed the connection without a word", e.Message);
        Assert.True(e.PeerSentNothing);
    }

    [Fact]
    public async Task ExchangeAsync_PeerClosesHalfWayThroughItsHello_ThrowsClosedDuringTheHello()
    {
        var (local, peer) = await ConnectedPairs.TcpAsync(Bound);
        await using var _ = local;

        var exchange = Handshaker.ExchangeAsync(local, Bound, CancellationToken.None);
        await peer.ReadExactlyAsync(new byte[TransportHello.EncodedLength]).AsTask().WaitAsync(Bound);
        await peer.WriteAsync(Encoded(TransportHello.ForThisProcess()).AsMemory(0, 10)).AsTask().WaitAsync(Bound);
        await peer.DisposeAsync();

        var e = await Assert.ThrowsAsync<HandshakeException>(() => exchange.WaitAsync(Bound));
        Assert.Contains("closed the connection during the hello after 10 of 32 bytes", e.Message);
        Assert.False(e.PeerSentNothing);
    }

    [Fact]
    public async Task ExchangeAsync_PeerSendsAWrongMagic_ThrowsNamingTheMagic()
    {
        var (local, peer) = await ConnectedPairs.TcpAsync(Bound);
        await using var _ = local;
        await using var __ = peer;
        var garbage = Encoded(TransportHello.ForThisProcess());
        Encoding.ASCII.GetBytes("GET ").CopyTo(garbage, 0);

        var exchange = Handshaker.ExchangeAsync(local, Bound, CancellationToken.None);
        await peer.WriteAsync(garbage).AsTask().WaitAsync(Bound);

        var e = await Assert.ThrowsAsync<HandshakeException>(() => exchange.WaitAsync(Bound));
        Assert.Contains("magic=0x20544547", e.Message);
    }

    private static byte[] Encoded(TransportHello hello)
    {
        var encoded = new byte[TransportHello.EncodedLength];
        hello.Encode(encoded);
        return encoded;
    }
}
