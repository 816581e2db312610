using Actors.Remote.Handshake;
using Actors.Remote.Tests.Support;

namespace Actors.Remote.Tests.Handshake;

public sealed class SharedSecretTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private const string Secret = "the-right-shared-secret-42";

    [Fact]
    public async Task ExchangeAsync_SameSecretOnBothSides_BothLearnTheOthersHello()
    {
        var results = await ExchangeBothAsync(new SecuritySettings(Secret), new SecuritySettings(Secret));

        Assert.All(results, r => Assert.True(r.OffersSecretProof));
    }

    [Fact]
    public async Task ExchangeAsync_DifferentSecrets_BothSidesRefuseNamingTheProof()
    {
        var outcome = await ExchangeBothCapturingAsync(new SecuritySettings(Secret), new SecuritySettings("a-wrong-shared-secret-42"));

        Assert.All(outcome, e => Assert.Contains("shared-secret proof", Assert.IsType<HandshakeException>(e).Message));
    }

    [Fact]
    public async Task ExchangeAsync_OnlyOneSideHasASecret_BothSidesRefuseSayingWhichLacksIt()
    {
        var outcome = await ExchangeBothCapturingAsync(new SecuritySettings(Secret), SecuritySettings.Default);

        Assert.Contains("has no shared secret, and this side requires one", outcome[0]!.Message);
        Assert.Contains("requires a shared secret, and none is configured on this side", outcome[1]!.Message);
    }

    [Fact]
    public async Task ExchangeAsync_PeerReflectsOurOwnProof_IsRefused()
    {
        var (local, peer) = ConnectedPairs.Unix();
        await using var _ = local;
        await using var __ = peer;
        var settings = new SecuritySettings(Secret);
        var exchange = Handshaker.ExchangeAsync(local, Bound, CancellationToken.None, security: settings, role: HandshakeRole.Accepting);

        // The attacker echoes our hello, nonce and all, and then our own proof: it names our role.
        var ourHello = new byte[TransportHello.EncodedLength];
        await peer.ReadExactlyAsync(ourHello).AsTask().WaitAsync(Bound);
        await peer.WriteAsync(ourHello).AsTask().WaitAsync(Bound);
        var ourProof = new byte[SecretProof.Length];
        await peer.ReadExactlyAsync(ourProof).AsTask().WaitAsync(Bound);
        await peer.WriteAsync(ourProof).AsTask().WaitAsync(Bound);

        var e = await Assert.ThrowsAsync<HandshakeException>(() => exchange.WaitAsync(Bound));
        Assert.Contains("shared-secret proof is wrong", e.Message);
    }

    [Fact]
    public async Task ExchangeAsync_PeerPlaysTwoOfOurConnectionsAgainstEachOther_BothAreRefused()
    {
        // Without the secret, the attacker opens two connections to us and hands each our hello from
        // the other, hoping that the proof we make on one is the proof we expect on the other.
        var settings = new SecuritySettings(Secret);
        var (first, attackerFirst) = ConnectedPairs.Unix();
        var (second, attackerSecond) = ConnectedPairs.Unix();
        await using var _ = first;
        await using var __ = attackerFirst;
        await using var ___ = second;
        await using var ____ = attackerSecond;
        var firstExchange = Handshaker.ExchangeAsync(first, Bound, CancellationToken.None, security: settings, role: HandshakeRole.Accepting);
        var secondExchange = Handshaker.ExchangeAsync(second, Bound, CancellationToken.None, security: settings, role: HandshakeRole.Accepting);

        await CrossAsync(attackerFirst, attackerSecond, TransportHello.EncodedLength);
        await CrossAsync(attackerFirst, attackerSecond, SecretProof.Length);

        await Assert.ThrowsAsync<HandshakeException>(() => firstExchange.WaitAsync(Bound));
        await Assert.ThrowsAsync<HandshakeException>(() => secondExchange.WaitAsync(Bound));
    }

    [Fact]
    public async Task ExchangeAsync_SecretWithoutARole_ThrowsSayingTheRoleIsNeeded()
    {
        var (left, right) = ConnectedPairs.Unix();
        await using var _ = left;
        await using var __ = right;

        var e = await Assert.ThrowsAsync<ArgumentException>(() => Handshaker.ExchangeAsync(left, Bound, CancellationToken.None, security: new SecuritySettings(Secret)));

        Assert.Contains("role", e.Message);
    }

    [Fact]
    public void Compute_SwappedHellosOrRoles_GiveDifferentProofs()
    {
        byte[] first = [1, 2, 3];
        byte[] second = [4, 5, 6];
        var key = "k-0123456789abcdef"u8;
        var proof = SecretProof.Compute(key, HandshakeRole.Connecting, first, second);

        Assert.True(SecretProof.Matches(proof, SecretProof.Compute(key, HandshakeRole.Connecting, first, second)));
        Assert.False(SecretProof.Matches(proof, SecretProof.Compute(key, HandshakeRole.Connecting, second, first)));
        Assert.False(SecretProof.Matches(proof, SecretProof.Compute(key, HandshakeRole.Accepting, first, second)));
    }

    [Fact]
    public void Constructor_SecretShorterThanTheMinimum_ThrowsNamingTheLengthNotTheSecret()
    {
        var e = Assert.Throws<ArgumentException>(() => new SecuritySettings("short-secret"));

        Assert.Contains("length=12", e.Message);
        Assert.DoesNotContain("short-secret", e.Message);
    }

    [Fact]
    public void ToString_WithASecret_NeverShowsIt()
    {
        var text = new SecuritySettings(Secret).ToString();

        Assert.DoesNotContain(Secret, text);
        Assert.Contains("secret=(set)", text);
    }

    /// <summary>Reads <paramref name="length"/> bytes from each stream and writes them into the other.</summary>
    private static async Task CrossAsync(Stream a, Stream b, int length)
    {
        var fromA = new byte[length];
        var fromB = new byte[length];
        await a.ReadExactlyAsync(fromA).AsTask().WaitAsync(Bound);
        await b.ReadExactlyAsync(fromB).AsTask().WaitAsync(Bound);
        await a.WriteAsync(fromB).AsTask().WaitAsync(Bound);
        await b.WriteAsync(fromA).AsTask().WaitAsync(Bound);
    }

    private static async Task<TransportHello[]> ExchangeBothAsync(SecuritySettings left, SecuritySettings right)
    {
        var (a, b) = ConnectedPairs.Unix();
        await using var _ = a;
        await using var __ = b;
        return await Task.WhenAll(
            Handshaker.ExchangeAsync(a, Bound, CancellationToken.None, security: left, role: HandshakeRole.Connecting),
            Handshaker.ExchangeAsync(b, Bound, CancellationToken.None, security: right, role: HandshakeRole.Accepting)).WaitAsync(Bound);
    }

    /// <summary>Runs both sides over one connection; each side's failure, or null when it succeeded.</summary>
    private static async Task<Exception?[]> ExchangeBothCapturingAsync(SecuritySettings left, SecuritySettings right)
    {
        var (a, b) = ConnectedPairs.Unix();
        await using var _ = a;
        await using var __ = b;
        var leftSide = RunAsync(a, left, HandshakeRole.Connecting);
        var rightSide = RunAsync(b, right, HandshakeRole.Accepting);
        return await Task.WhenAll(leftSide, rightSide).WaitAsync(Bound);

        static async Task<Exception?> RunAsync(Stream stream, SecuritySettings settings, HandshakeRole role)
        {
            try
            {
                await Handshaker.ExchangeAsync(stream, Bound, CancellationToken.None, security: settings, role: role);
                return null;
            }
            catch (Exception e)
            {
                // A side that refuses closes its end, so the other side learns it at once.
                await stream.DisposeAsync();
                return e;
            }
        }
    }
}
