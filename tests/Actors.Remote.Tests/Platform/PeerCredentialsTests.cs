using System.Diagnostics;
using System.IO.Pipes;
using System.Net.Sockets;
using Actors.Remote.Handshake;
using Actors.Remote.Native;
using Actors.Remote.Platform;
using Actors.Remote.Tests.Support;

namespace Actors.Remote.Tests.Platform;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PeerCredentialsTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Of_UnixSocket_IsThisProcessAndUser()
    {
        var (left, right) = ConnectedPairs.Unix();
        await using var _ = left;
        await using var __ = right;

        var peer = PeerCredentials.Of(left);

        Assert.Equal(new PeerCredentials(Environment.ProcessId, Interop.GetEUid(), peer!.Value.GroupId), peer);
    }

    [Fact]
    public async Task Of_TcpSocket_IsNull()
    {
        var (left, right) = await ConnectedPairs.TcpAsync(Bound);
        await using var _ = left;
        await using var __ = right;

        Assert.Null(PeerCredentials.Of(left));
    }

    [Fact]
    public void Of_AnonymousPipe_IsNull()
    {
        using var pipe = new InProcessPipe();

        Assert.Null(PeerCredentials.Of(pipe.Reader));
    }

    [Fact]
    public async Task Of_NamedPipe_IsThisProcessAndUser()
    {
        var directory = Directory.CreateTempSubdirectory("peercred-");
        try
        {
            var name = Path.Combine(directory.FullName, "p");
            await using var server = new NamedPipeServerStream(name, PipeDirection.InOut, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous);
            await using var client = new NamedPipeClientStream(".", name, PipeDirection.InOut, PipeOptions.Asynchronous);
            var accept = server.WaitForConnectionAsync();
            await client.ConnectAsync((int)Bound.TotalMilliseconds);
            await accept.WaitAsync(Bound);

            Assert.Equal(Environment.ProcessId, PeerCredentials.Of(server)!.Value.ProcessId);
            Assert.Equal(Interop.GetEUid(), PeerCredentials.Of(client)!.Value.UserId);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [AsOtherUserFact]
    public async Task ExchangeAsync_PeerOfAnotherUser_IsRefusedBeforeAByteIsSent()
    {
        var (refused, childSaw) = await HandshakeWithOtherUserAsync(SecuritySettings.Default);

        Assert.Contains($"uid={AsOtherUserFactAttribute.OtherUserId}, which is not allowed", refused!.Message);
        Assert.Equal("closed without a byte", childSaw);
    }

    [AsOtherUserFact]
    public async Task ExchangeAsync_PeerOfAnAllowedOtherUser_GetsOurHello()
    {
        var (refused, childSaw) = await HandshakeWithOtherUserAsync(new SecuritySettings(allowedUserIds: [AsOtherUserFactAttribute.OtherUserId]));

        Assert.IsType<HandshakeException>(refused);
        Assert.DoesNotContain("not allowed", refused!.Message);
        Assert.Equal("got the hello", childSaw);
    }

    /// <summary>
    /// A child running as nobody connects to a socket we listen on and reports what it received;
    /// we run the hello on the accepted end. Returns our handshake's failure and the child's report.
    /// </summary>
    private static async Task<(Exception? Refused, string ChildSaw)> HandshakeWithOtherUserAsync(SecuritySettings security)
    {
        var directory = Directory.CreateTempSubdirectory("peercred-");
        using var child = new Process();
        try
        {
            // The child's user must reach the socket: this directory and the file are open to all.
            File.SetUnixFileMode(directory.FullName, (UnixFileMode)0x1FF);
            var path = Path.Combine(directory.FullName, "s");
            using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(path));
            File.SetUnixFileMode(path, (UnixFileMode)0x1FF);
            listener.Listen(1);

            child.StartInfo = new ProcessStartInfo(AsOtherUserFactAttribute.SetPriv)
            {
                ArgumentList =
                {
                    $"--reuid={AsOtherUserFactAttribute.OtherUserId}", $"--regid={AsOtherUserFactAttribute.OtherUserId}", "--clear-groups",
                    AsOtherUserFactAttribute.Python, "-c",
                    "import socket,sys\ns=socket.socket(socket.AF_UNIX)\ns.connect(sys.argv[1])\ns.settimeout(10)\n" +
                    "print('got the hello' if s.recv(64) else 'closed without a byte', flush=True)",
                    path,
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            child.Start();
            using var accepted = await listener.AcceptAsync().WaitAsync(Bound);
            await using var stream = new NetworkStream(accepted, ownsSocket: false);

            var refused = await Record.ExceptionAsync(() =>
                Handshaker.ExchangeAsync(stream, TimeSpan.FromSeconds(1), CancellationToken.None, security: security));
            accepted.Shutdown(SocketShutdown.Both);
            var saw = (await child.StandardOutput.ReadToEndAsync().WaitAsync(Bound)).Trim();
            await child.WaitForExitAsync().WaitAsync(Bound);
            return (refused, saw.Length > 0 ? saw : await child.StandardError.ReadToEndAsync());
        }
        finally
        {
            try
            {
                child.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Never started, or already exited.
            }

            directory.Delete(recursive: true);
        }
    }
}
