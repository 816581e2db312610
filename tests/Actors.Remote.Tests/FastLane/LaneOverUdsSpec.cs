using System.Security.Cryptography;
using Actors.Remote.FastLane;
using Actors.Remote.Streams;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Event;
using Akka.Remote;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>The lane over Unix-domain socket connections of its own beside the classic association.</summary>
public sealed class LaneOverUdsSpec(ITestOutputHelper output) : LaneSpec(output, OnTheStream(ShippedConfig.Load("uds.conf")))
{
    [Fact]
    public async Task Garbage_on_a_lane_connection_is_refused_with_a_clear_error_and_the_connection_closed()
    {
        var errors = CreateTestProbe(Remote);
        Remote.EventStream.Subscribe(errors.Ref, typeof(Error));
        var transport = StreamLaneRegistry.TransportFor(Sys, RemoteAddress.Protocol)!;

        // A lane opened by the rules (hello, uid, name), then a frame that claims 2 GiB.
        var (connection, _) = await transport.ConnectLaneAsync(RemoteAddress, CancellationToken.None);
        await using var owned = connection;
        await LaneGreeting.ExchangeAsync(connection, AddressUidExtension.Uid(Sys), CancellationToken.None);
        var name = RandomNumberGenerator.GetBytes(16);
        await connection.WriteAsync(name);
        await connection.WriteAsync(new byte[] { 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3 });
        await connection.FlushAsync();
        // The lane reads nothing before its barrier.
        var barrier = await Sys.ActorSelection(new RootActorPath(RemoteAddress) / "system" / LaneBarrierActor.Name).ResolveOne(Timeout);
        barrier.Tell(new LaneOpened(Convert.ToHexString(name)));

        await errors.FishForMessageAsync<Error>(e => $"{e.Cause?.Message}".Contains("a lane frame's length is out of range: length=2147483647, limit="), Timeout);
        // The one byte the receiver writes (the barrier arrived: see TransportHello.ReleaseAckFlag), then the end.
        var first = new byte[1];
        var read = await ReadOrEndAsync(connection, first);
        Assert.True(read == 0 || first[0] == LaneFrames.ReleaseByte[0], $"the receiver wrote 0x{first[0]:X2}, not its release byte");
        Assert.Equal(0, read == 0 ? 0 : await ReadOrEndAsync(connection, first));
    }

    /// <summary>Reads one byte: 0 once the peer has closed the connection (a reset counts as closed).</summary>
    private static async Task<int> ReadOrEndAsync(Stream connection, byte[] into)
    {
        try
        {
            return await connection.ReadAsync(into).AsTask().WaitAsync(Timeout);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
