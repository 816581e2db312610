using System.Globalization;
using System.Net;
using Actors.Remote.Sockets;
using FsCheck.Xunit;

namespace Actors.Remote.Tests.Sockets;

/// <summary>
/// The parser of <c>/proc/net/tcp</c> lines: whatever text it is given, it yields a socket or refuses the line
/// (never throws), and a line written as the kernel writes it reads back as the socket it describes.
/// </summary>
public sealed class KernelTcpSocketProperties
{
    [Property(MaxTest = 3000)]
    public bool Any_text_is_read_as_a_socket_or_refused_without_throwing(string line) =>
        KernelTcpSocket.TryParse(line ?? string.Empty, out var socket) ? socket.Local is not null && socket.Remote is not null : socket == default;

    [Property(MaxTest = 3000)]
    public bool A_kernel_line_with_characters_changed_is_read_or_refused_without_throwing(byte[] address, ushort port, byte state, ulong inode, int[] changes, string inserted)
    {
        var line = KernelLine(1, Endpoint(address, port), Endpoint(address, (ushort)(port + 1)), state, inode, asIpv6: false).ToCharArray().ToList();
        foreach (var change in changes ?? [])
        {
            var at = (int)((uint)change % (uint)(line.Count + 1));
            if (change % 3 == 0 && at < line.Count)
            {
                line.RemoveAt(at);
            }
            else
            {
                line.InsertRange(at, (inserted ?? ":").Take(3));
            }
        }

        KernelTcpSocket.TryParse(new string([.. line]), out _);
        return true;
    }

    [Property(MaxTest = 1000)]
    public bool A_line_written_as_the_kernel_writes_it_reads_back(byte[] localAddress, ushort localPort, byte[] remoteAddress, ushort remotePort, byte state, ulong inode, bool asIpv6)
    {
        var (local, remote) = (Endpoint(localAddress, localPort), Endpoint(remoteAddress, remotePort));
        if (!asIpv6 && (local.AddressFamily != remote.AddressFamily || local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6))
        {
            // tcp lists IPv4 only; mixed pairs are written to tcp6.
            asIpv6 = true;
        }

        return KernelTcpSocket.TryParse(KernelLine(7, local, remote, state, inode, asIpv6), out var socket)
            && socket == new KernelTcpSocket(KernelTcpSocket.Normalize(local), KernelTcpSocket.Normalize(remote), state, inode);
    }

    [Fact]
    public void An_IPv4_mapped_address_in_tcp6_reads_as_its_IPv4_address()
    {
        const string line = "   3: 0000000000000000FFFF00000100007F:D986 0000000000000000FFFF00000100007F:9A75 01 00000000:00000000 00:00000000 00000000     0        0 2745958 1 0000000080af465f 20 4 28 18 -1";

        Assert.True(KernelTcpSocket.TryParse(line, out var socket));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 0xD986), socket.Local);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 0x9A75), socket.Remote);
        Assert.Equal(KernelTcpSocket.Established, socket.State);
        Assert.Equal(2745958UL, socket.Inode);
    }

    [Theory]
    [InlineData("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode")]
    [InlineData("   0: 0100007F:9A75 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0")]
    [InlineData("   0: 0100007F:9A75 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 -5 1")]
    [InlineData("   0: 0100007F:9A75 00000000:00000 0A 00000000:00000000 00:00000000 00000000     0        0 5 1")]
    [InlineData("   0: 0100007:9A75 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5 1")]
    [InlineData("   0 0100007F:9A75 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5 1")]
    [InlineData("")]
    public void A_header_or_a_malformed_line_is_refused(string line) => Assert.False(KernelTcpSocket.TryParse(line, out _));

    private static IPEndPoint Endpoint(byte[]? bytes, ushort port)
    {
        bytes ??= [];
        var address = bytes.Length >= 16 ? new IPAddress(bytes[..16]) : new IPAddress([.. bytes.Take(4), .. new byte[Math.Max(0, 4 - bytes.Length)]]);
        return new IPEndPoint(address, port);
    }

    // As net/ipv4/tcp_ipv4.c and net/ipv6/tcp_ipv6.c print a socket: each 32-bit word of the address in host order.
    private static string KernelLine(int slot, IPEndPoint local, IPEndPoint remote, byte state, ulong inode, bool asIpv6) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{slot,4}: {Hex(local.Address, asIpv6)}:{local.Port:X4} {Hex(remote.Address, asIpv6)}:{remote.Port:X4} {state:X2} 00000000:00000000 00:00000000 00000000  1000        0 {inode} 1 0000000000000000 20 4 30 10 -1");

    private static string Hex(IPAddress address, bool asIpv6)
    {
        var bytes = (asIpv6 ? address.MapToIPv6() : address).GetAddressBytes();
        return string.Concat(Enumerable.Range(0, bytes.Length / 4).Select(w => BitConverter.ToUInt32(bytes, w * 4).ToString("X8", CultureInfo.InvariantCulture)));
    }
}
