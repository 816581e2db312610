using System.Net;
using System.Net.Sockets;
using Actors.Remote.Platform;
using Actors.Remote.Sockets;

namespace Actors.Remote.Tests.Sockets;

/// <summary>
/// What the kernel's TCP table tells about real connections of this process: the other end of a connection is
/// found by its endpoints, whichever family each end's socket has, and its holder is found by its inode.
/// </summary>
public sealed class KernelTcpTableTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_other_end_of_a_loopback_connection_is_found_and_held_by_this_process(bool dualModeClient)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);

        // A dual-mode client (what new Socket(SocketType.Stream, ...) makes) is listed in tcp6 with an IPv4-mapped address.
        using var client = dualModeClient
            ? new Socket(SocketType.Stream, ProtocolType.Tcp)
            : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!).WaitAsync(TimeSpan.FromSeconds(10));
        using var accepted = await listener.AcceptAsync().WaitAsync(TimeSpan.FromSeconds(10));

        // From the client's side: the other end's own endpoint is the client's remote one.
        var serverEnd = KernelTcpTable.EstablishedInode(local: (IPEndPoint)client.RemoteEndPoint!, remote: (IPEndPoint)client.LocalEndPoint!);
        var clientEnd = KernelTcpTable.EstablishedInode(local: (IPEndPoint)accepted.RemoteEndPoint!, remote: (IPEndPoint)accepted.LocalEndPoint!);

        Assert.Equal(OpenFileHolders.IdentityOfDescriptor(accepted.Handle)!.Value.Inode, serverEnd);
        Assert.Equal(OpenFileHolders.IdentityOfDescriptor(client.Handle)!.Value.Inode, clientEnd);
        var device = OpenFileHolders.IdentityOfDescriptor(client.Handle)!.Value;
        Assert.True(OpenFileHolders.Holds(Environment.ProcessId, (device.Major, device.Minor, serverEnd!.Value)));
    }

    [Fact]
    public void A_listener_is_listed_on_its_port_with_its_inode()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;

        var listed = Assert.Single(KernelTcpTable.ListenersOn(port));

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, port), listed.Local);
        Assert.Equal(OpenFileHolders.IdentityOfDescriptor(listener.Handle)!.Value.Inode, listed.Inode);
    }

    [Fact]
    public void Endpoints_no_socket_of_this_namespace_has_give_nothing()
    {
        // TEST-NET-3: no socket here is connected to it.
        var nowhere = new IPEndPoint(IPAddress.Parse("203.0.113.7"), 2552);

        Assert.Null(KernelTcpTable.EstablishedInode(nowhere, new IPEndPoint(IPAddress.Loopback, 1)));
    }
}
