using System.Security.Cryptography;

namespace Actors.Remote.Handshake;

/// <summary>
/// The answer to the hello's challenge: HMAC-SHA256 keyed with the shared secret over the sender's
/// role, then the sender's hello, then the receiver's hello (each with its fresh nonce and its address).
/// </summary>
/// <remarks>
/// The fresh nonces make a proof from an earlier connection worthless. The role stops reflection: a
/// peer that cannot compute a proof could otherwise hand us our own hello (on this connection, or one
/// taken from a second connection it opens to us) and send back the proof we make for it; that proof
/// names our role, and we only accept one that names the other. Proofs are compared in constant time.
/// </remarks>
internal static class SecretProof
{
    /// <summary>Bytes of a proof.</summary>
    public const int Length = HMACSHA256.HashSizeInBytes;

    /// <summary>The proof that the side which sent <paramref name="senderHello"/> as <paramref name="senderRole"/> knows <paramref name="secret"/>.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> secret, HandshakeRole senderRole, ReadOnlySpan<byte> senderHello, ReadOnlySpan<byte> receiverHello)
    {
        var message = new byte[1 + senderHello.Length + receiverHello.Length];
        message[0] = (byte)senderRole;
        senderHello.CopyTo(message.AsSpan(1));
        receiverHello.CopyTo(message.AsSpan(1 + senderHello.Length));
        return HMACSHA256.HashData(secret, message);
    }

    /// <summary>True when <paramref name="received"/> is the proof <paramref name="expected"/>, compared in constant time.</summary>
    public static bool Matches(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> received) =>
        CryptographicOperations.FixedTimeEquals(expected, received);
}
