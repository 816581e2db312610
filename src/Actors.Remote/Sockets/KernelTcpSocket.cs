using System.Globalization;
using System.Net;

namespace Actors.Remote.Sockets;

/// <summary>
/// One line of <c>/proc/net/tcp</c> or <c>/proc/net/tcp6</c>: a TCP socket of this network namespace as the
/// kernel lists it, with its endpoints, its state and the inode a process's <c>/proc/&lt;pid&gt;/fd</c> links to.
/// </summary>
/// <remarks>
/// <para>The line reads <c>sl: local remote st tx:rx tr:when retrnsmt uid timeout inode ...</c>. An address is
/// hex of the 32-bit words of the address as they lie in memory, each printed as a host-order number (8 digits for
/// IPv4, 32 for IPv6); a port is 4 hex digits, already in host order. So each word is written back in host order to
/// get the address's bytes, whatever the machine's byte order.</para>
/// <para>Addresses come out normalised (<see cref="Normalize(IPAddress)"/>): an IPv4-mapped IPv6 address (a dual-mode socket
/// talking IPv4, listed in tcp6) is its IPv4 address, so one socket's end compares equal to the other's.</para>
/// </remarks>
/// <param name="Local">The socket's own address and port.</param>
/// <param name="Remote">The address and port it is connected to (any:0 while it listens).</param>
/// <param name="State">The kernel's TCP state: <see cref="Established"/>, <see cref="Listen"/>, or another.</param>
/// <param name="Inode">The socket's inode; 0 for a socket no process holds (TIME_WAIT, an unaccepted or orphaned one).</param>
internal readonly record struct KernelTcpSocket(IPEndPoint Local, IPEndPoint Remote, byte State, ulong Inode)
{
    /// <summary>TCP_ESTABLISHED.</summary>
    public const byte Established = 0x01;

    /// <summary>TCP_LISTEN.</summary>
    public const byte Listen = 0x0A;

    private const int InodeField = 9;
    private const int Ipv4HexLength = 8;
    private const int Ipv6HexLength = 32;
    private const int PortHexLength = 4;

    /// <summary>
    /// Reads one line of the table; false for the header and for anything that is not a well-formed line (the
    /// kernel's text is trusted no more than a peer's bytes: no input throws).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> line, out KernelTcpSocket socket)
    {
        socket = default;
        var trimmed = line.Trim();
        Span<Range> fields = stackalloc Range[InodeField + 2];
        if (trimmed.SplitAny(fields, " \t", StringSplitOptions.RemoveEmptyEntries) <= InodeField)
        {
            return false;
        }

        if (!trimmed[fields[0]].EndsWith(':')
            || !TryParseEndpoint(trimmed[fields[1]], out var local)
            || !TryParseEndpoint(trimmed[fields[2]], out var remote)
            || trimmed[fields[3]].Length != 2
            || !byte.TryParse(trimmed[fields[3]], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var state)
            || !ulong.TryParse(trimmed[fields[InodeField]], NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
        {
            return false;
        }

        socket = new KernelTcpSocket(local, remote, state, inode);
        return true;
    }

    /// <summary>The endpoint as the table lists it: IPv4-mapped IPv6 as IPv4, and no IPv6 scope id.</summary>
    public static IPEndPoint Normalize(IPEndPoint endpoint) => new(Normalize(endpoint.Address), endpoint.Port);

    /// <summary>The address as the table lists it: IPv4-mapped IPv6 as IPv4, and no IPv6 scope id.</summary>
    public static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : new IPAddress(address.GetAddressBytes());

    private static bool TryParseEndpoint(ReadOnlySpan<char> text, out IPEndPoint endpoint)
    {
        endpoint = null!;
        var colon = text.IndexOf(':');
        if (colon < 0
            || text.Length - colon - 1 != PortHexLength
            || !ushort.TryParse(text[(colon + 1)..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var port)
            || !TryParseAddress(text[..colon], out var address))
        {
            return false;
        }

        endpoint = new IPEndPoint(address, port);
        return true;
    }

    private static bool TryParseAddress(ReadOnlySpan<char> hex, out IPAddress address)
    {
        address = null!;
        if (hex.Length is not (Ipv4HexLength or Ipv6HexLength))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[hex.Length / 2];
        for (var word = 0; word < bytes.Length / 4; word++)
        {
            if (!uint.TryParse(hex.Slice(word * Ipv4HexLength, Ipv4HexLength), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            // The kernel printed the word as this machine holds it in memory: write it back the same way.
            BitConverter.TryWriteBytes(bytes.Slice(word * 4, 4), value);
        }

        address = Normalize(new IPAddress(bytes));
        return true;
    }
}
