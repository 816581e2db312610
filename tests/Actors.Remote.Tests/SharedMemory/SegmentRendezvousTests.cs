using System.Buffers.Binary;
using System.Text;
using Actors.Remote.Configuration;
using Actors.Remote.Handshake;
using Actors.Remote.SharedMemory;
using Actors.Remote.Tests.Support;
using Akka.Configuration;

namespace Actors.Remote.Tests.SharedMemory;

/// <summary>A segment name is bytes a peer chooses: refused, and never logged raw.</summary>
public sealed class SegmentRendezvousTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static readonly SharedMemorySettings Settings = SharedMemorySettings.FromConfig(
        new SettingsReader(ReferenceConfig.WithDefaults(Config.Empty, SharedMemoryTransport.ConfigPath), SharedMemoryTransport.ConfigPath));

    [Fact]
    public async Task A_binary_segment_name_is_refused_with_its_bytes_escaped()
    {
        var (listener, peer) = ConnectedPairs.Unix();
        await using var _ = listener;
        await using var __ = peer;
        var name = Encoding.UTF8.GetBytes("actors-\u001b[2J\nWARNING forged line\0");
        var offer = new byte[4 + name.Length];
        BinaryPrimitives.WriteInt32LittleEndian(offer, name.Length);
        name.CopyTo(offer, 4);
        await peer.WriteAsync(offer);

        var e = await Assert.ThrowsAsync<HandshakeException>(
            () => SegmentRendezvous.AcceptAsync(listener, Settings, 0, CancellationToken.None).WaitAsync(Bound));

        Assert.Contains(@"actors-\x1B[2J\x0AWARNING forged line\x00", e.Message);
        Assert.DoesNotContain(e.Message, c => char.IsControl(c));
    }
}
