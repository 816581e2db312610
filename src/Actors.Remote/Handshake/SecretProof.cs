using System.Security.Cryptography;

namespace Actors.Remote.Handshake;

/// <summary>
/// The answer to the hello's challenge: HMAC-SHA256 keyed with the shared secret over the sender's
/// hello followed by the receiver's hello (each with its fresh nonce and its address).
/// </summary>
/// <remarks>
/// The order of the two hellos binds the proof to its direction: a peer that sends our own proof back
/// (a reflection) presents the hellos in the wrong order and fails. The fresh nonces make a proof from
/// another connection worthless. Proofs are compared in constant time.
/// </remarks>
public static class SecretProof
{
    /// <summary>Bytes of a proof.</summary>
    public const int Length = HMACSHA256.HashSizeInBytes;

    /// <summary>The proof that the side which sent <paramref name="senderHello"/> knows <paramref name="secret"/>.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> senderHello, ReadOnlySpan<byte> receiverHello)
    {
        var message = new byte[senderHello.Length + receiverHello.Length];
        senderHello.CopyTo(message);
        receiverHello.CopyTo(message.AsSpan(senderHello.Length));
        return HMACSHA256.HashData(secret, message);
    }

    /// <summary>True when <paramref name="received"/> is the proof <paramref name="expected"/>, compared in constant time.</summary>
    public static bool Matches(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> received) =>
        CryptographicOperations.FixedTimeEquals(expected, received);
}
