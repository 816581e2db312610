using System.Buffers.Binary;
using System.Globalization;
using Actors.Remote.Native;

namespace Actors.Remote.FastLane;

/// <summary>
/// What decides whether two processes can share a lane's segment: the kernel they run on (its boot id),
/// the files they see (the mount namespace, which decides which <c>/dev/shm</c> a path names: containers on one
/// kernel have their own) and the user they run as (a segment file is its owner's alone).
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |            boot id (16 bytes, /proc/sys/kernel/random/boot_id) ...
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |            mount namespace inode (uint64, /proc/self/ns/mnt)  ...
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                   effective user id (uint32)                  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Little-endian. It travels on a lane connection only, after the hello, the secret and the uid greeting,
/// so a peer learns it only once it has been let in. It is a hint, not a proof: the segment rendezvous
/// that follows proves it (the peer must open the very file this side made, as its owner).
/// </remarks>
internal readonly record struct MachineIdentity(Guid BootId, ulong MountNamespace, uint UserId)
{
    /// <summary>Bytes of an encoded identity.</summary>
    public const int EncodedLength = 28;

    private const string BootIdPath = "/proc/sys/kernel/random/boot_id";
    private const string MountNamespacePath = "/proc/self/ns/mnt";

    /// <summary>This process's identity; null where the kernel does not tell it (not Linux, no /proc), so no ring is offered.</summary>
    public static MachineIdentity? OfThisProcess()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var bootId = Guid.Parse(File.ReadAllText(BootIdPath).Trim());
            // The link reads "mnt:[4026531841]": the namespace's inode.
            var target = new FileInfo(MountNamespacePath).LinkTarget ?? string.Empty;
            var open = target.IndexOf('[', StringComparison.Ordinal);
            var close = target.IndexOf(']', StringComparison.Ordinal);
            return open >= 0 && close > open
                   && ulong.TryParse(target.AsSpan(open + 1, close - open - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var mountNamespace)
                ? new MachineIdentity(bootId, mountNamespace, Interop.GetEUid())
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Writes the identity into the first <see cref="EncodedLength"/> bytes of <paramref name="destination"/>.</summary>
    public void Encode(Span<byte> destination)
    {
        BootId.TryWriteBytes(destination[..16]);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], MountNamespace);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], UserId);
    }

    /// <summary>Reads an identity; any <see cref="EncodedLength"/> bytes are one (a lie only makes the rendezvous fail).</summary>
    /// <exception cref="ArgumentException"><paramref name="source"/> is shorter than <see cref="EncodedLength"/>.</exception>
    public static MachineIdentity Decode(ReadOnlySpan<byte> source) =>
        source.Length < EncodedLength
            ? throw new ArgumentException($"machine identity too short: length={source.Length}, expected={EncodedLength}", nameof(source))
            : new MachineIdentity(
                new Guid(source[..16]),
                BinaryPrimitives.ReadUInt64LittleEndian(source[16..]),
                BinaryPrimitives.ReadUInt32LittleEndian(source[24..]));
}
