using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Actors.Remote.Handshake;

namespace Actors.TestPeer;

/// <summary>
/// A hostile TCP listener for death-news tests: the system that dials it gets a hello naming another process (a
/// helper this program starts), and once that system has taken the association (its first frame arrives), the
/// helper is killed and the connection closed. If the dialer believed the hello's pid, it would announce this
/// listener's address dead although this process still runs.
/// </summary>
/// <remarks>Prints <c>LISTENING &lt;port&gt; &lt;helper pid&gt;</c>, then <c>FORGED</c> when done, and exits 0.</remarks>
internal static class ForgedTcpListener
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync()
    {
        using var deadline = new CancellationTokenSource(Timeout);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;

        // A live process of this machine that has nothing to do with the connection: the pid the hello claims.
        using var helper = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })
            ?? throw new InvalidOperationException("cannot start the helper process: program=sleep");
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LISTENING {port} {helper.Id}"));
            using var connection = await listener.AcceptAsync(deadline.Token);
            await using var stream = new NetworkStream(connection, ownsSocket: false);
            await stream.WriteAsync(ForgedHello.Encode($"akka.atcp://forger@127.0.0.1:{port}", helper.Id), deadline.Token);

            // The dialer's hello, then its first frame: it has vouched for the hello and taken the association.
            var hello = new byte[TransportHello.EncodedLength];
            await stream.ReadExactlyAsync(hello, deadline.Token);
            TransportHello.Decode(hello, out var addressLength);
            await stream.ReadExactlyAsync(new byte[addressLength + 1], deadline.Token);

            helper.Kill();
            await helper.WaitForExitAsync(deadline.Token);
        }
        finally
        {
            if (!helper.HasExited)
            {
                helper.Kill();
            }
        }

        Console.WriteLine("FORGED");
        return 0;
    }
}
