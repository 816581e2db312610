using System.IO.Pipes;
using Actors.Remote.Pipes;
using Actors.Remote.Platform;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

public sealed class NamedPipeTransportConformanceSpec(ITestOutputHelper output)
    : TransportConformanceSpec("pipe.conf", NamedPipeTransport.ConfigPath, output)
{
    protected override async Task<Stream> ConnectRawAsync(Address address)
    {
        var name = NamedPipeTransport.PipeName(RuntimeDirectory.Resolve(""), address.Port!.Value);
        var client = new NamedPipeClientStream(".", name, PipeDirection.InOut, PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);
        await client.ConnectAsync((int)Timeout.TotalMilliseconds);
        return client;
    }

    protected override IEnumerable<string> FilesOf(Address address) =>
        [NamedPipeTransport.PipeName(RuntimeDirectory.Resolve(""), address.Port!.Value)];
}
