using Actors.Remote.Pipes;
using Actors.Remote.Platform;
using Akka.Actor;
using Akka.Event;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

public sealed class FifoTransportConformanceSpec(ITestOutputHelper output)
    : TransportConformanceSpec("fifo.conf", FifoTransport.ConfigPath, output)
{
    /// <summary>
    /// The client side of the FIFO connect protocol, up to the connected FIFO pair; no hello. A listener
    /// that refuses a connection closes the FIFOs before the client opens its end, so the connect runs
    /// until its deadline: a short one keeps that case fast.
    /// </summary>
    protected override async Task<Stream> ConnectRawAsync(Address address)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        return await FifoConnector.ConnectAsync(RuntimeDirectory.Resolve(""), address.Port!.Value, NoLogger.Instance, deadline.Token);
    }

    protected override IEnumerable<string> FilesOf(Address address) =>
        [FifoNames.RequestPath(RuntimeDirectory.Resolve(""), address.Port!.Value)];
}
