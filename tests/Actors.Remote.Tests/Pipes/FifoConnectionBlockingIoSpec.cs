using System.Runtime.Versioning;
using Actors.Remote.Handshake;
using Actors.Remote.Pipes;
using Akka.Actor;
using Akka.Event;

namespace Actors.Remote.Tests.Pipes;

/// <summary>
/// A FIFO connection takes blocking reads and writes after asynchronous ones, as a socket does: the hello and the
/// lane's greeting run asynchronously, then a stream lane's reading thread reads with blocking calls. The FIFOs are
/// opened non-blocking (an open must not wait for the peer), and .NET refused a blocking call on such a pipe once an
/// asynchronous one had run ("Cannot block a call on this socket while an earlier asynchronous call is in progress"):
/// every lane over FIFOs was dropped as it opened.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class FifoConnectionBlockingIoSpec : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("fifo-blocking-");

    [Fact]
    public async Task A_FIFO_connection_reads_and_writes_blocking_after_reading_and_writing_asynchronously()
    {
        const int id = 4242;
        await using var listener = FifoStreamListener.TryBind(_directory.FullName, id, new Address("akka.fifo", "blocking", "localhost", id), new SecuritySettings(), NoLogger.Instance)
            ?? throw new InvalidOperationException($"the listener id is taken: id={id}");
        using var deadline = new CancellationTokenSource(Bound);
        var accepted = listener.AcceptAsync(deadline.Token);
        await using var client = await FifoConnector.ConnectAsync(_directory.FullName, id, NoLogger.Instance, deadline.Token);
        await using var server = (await accepted.WaitAsync(Bound)).Stream;

        // Asynchronous first, both ways, as the hello is.
        await client.WriteAsync(new byte[] { 1 }, deadline.Token);
        await server.ReadExactlyAsync(new byte[1], deadline.Token);
        await server.WriteAsync(new byte[] { 2 }, deadline.Token);
        await client.ReadExactlyAsync(new byte[1], deadline.Token);

        // Then blocking, as a lane's reading thread and a flush are: on a thread of their own, bounded.
        var blocking = Task.Run(() =>
        {
            client.Write([3, 4]);
            client.Flush();
            var read = new byte[2];
            server.ReadExactly(read);
            return read;
        });

        Assert.Equal(new byte[] { 3, 4 }, await blocking.WaitAsync(Bound));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
