using System.Net.Security;

namespace Actors.Remote.Sockets;

/// <summary>
/// TLS over a TCP connection that still says what it runs over: the kernel's word on who is at the other end is
/// the socket's (<see cref="TcpTransport"/>'s death news), and <see cref="SslStream"/> keeps its inner stream to itself.
/// </summary>
internal sealed class SocketSslStream(Stream inner, RemoteCertificateValidationCallback validation)
    : SslStream(inner, leaveInnerStreamOpen: false, validation)
{
    /// <summary>The stream TLS runs over: the connection's <see cref="System.Net.Sockets.NetworkStream"/>.</summary>
    public Stream Inner => InnerStream;
}
