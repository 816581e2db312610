using System.Net.Sockets;

namespace Actors.Remote.Tests.Support;

/// <summary>Socket files as a crashed process leaves them: present, with nobody accepting on them.</summary>
public static class StaleSocketFile
{
    /// <summary>Leaves a socket file at <paramref name="path"/> that no listener accepts on; its directory must exist.</summary>
    public static string Create(string path)
    {
        using (var crashed = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            // .NET unlinks the path a socket was bound to when the socket is disposed, so bind
            // elsewhere and move the file.
            var boundPath = Path.Combine(Path.GetDirectoryName(path)!, $"crashed-{Path.GetFileName(path)}");
            crashed.Bind(new UnixDomainSocketEndPoint(boundPath));
            File.Move(boundPath, path);
        }

        Assert.True(File.Exists(path), "the stale socket file should outlive its socket");
        return path;
    }
}
