using Actors.Remote.FastLane;
using FsCheck.Xunit;

namespace Actors.Remote.Tests.FastLane;

/// <summary>The machine identity a peer sends on a lane connection: any bytes are one, and what is sent is what is read.</summary>
public sealed class MachineIdentityProperties
{
    [Property(MaxTest = 1000)]
    public bool An_identity_reads_back_as_it_was_written(Guid bootId, ulong mountNamespace, uint userId)
    {
        var identity = new MachineIdentity(bootId, mountNamespace, userId);
        var bytes = new byte[MachineIdentity.EncodedLength];
        identity.Encode(bytes);
        return MachineIdentity.Decode(bytes) == identity;
    }

    [Property(MaxTest = 1000)]
    public bool Any_bytes_of_the_length_decode_and_shorter_ones_give_the_defined_error(byte[] bytes)
    {
        bytes ??= [];
        try
        {
            MachineIdentity.Decode(bytes);
            return bytes.Length >= MachineIdentity.EncodedLength;
        }
        catch (ArgumentException)
        {
            return bytes.Length < MachineIdentity.EncodedLength;
        }
    }

    [Property(MaxTest = 200)]
    public bool Identities_share_memory_only_when_all_three_parts_match(Guid bootId, ulong mountNamespace, uint userId, byte differing)
    {
        var ours = new MachineIdentity(bootId, mountNamespace, userId);
        var theirs = (differing % 4) switch
        {
            0 => ours,
            1 => ours with { BootId = Guid.NewGuid() },
            2 => ours with { MountNamespace = mountNamespace + 1 },
            _ => ours with { UserId = userId + 1 },
        };
        return (RingUpgrade.Mismatch(ours, theirs) is null) == (differing % 4 == 0);
    }

    [Fact]
    public void This_process_says_the_same_identity_each_time_with_its_own_uid()
    {
        var first = MachineIdentity.OfThisProcess();
        Assert.NotNull(first);
        Assert.Equal(first, MachineIdentity.OfThisProcess());
        Assert.Equal(Actors.Remote.Native.Interop.GetEUid(), first.Value.UserId);
    }
}
