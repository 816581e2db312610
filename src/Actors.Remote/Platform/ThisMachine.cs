using Akka.Actor;

namespace Actors.Remote.Platform;

/// <summary>
/// Addresses of the local transports (uds, pipe, fifo, apipe, shm): the host is this machine's name
/// and the port names the peer on it (a listener id, or a process id).
/// </summary>
internal static class ThisMachine
{
    /// <summary>The host written into local addresses: the configured one, or this machine's name.</summary>
    public static string HostName(string configuredHostname) =>
        string.IsNullOrEmpty(configuredHostname) ? Environment.MachineName : configuredHostname;

    /// <summary>The port of <paramref name="remote"/>, once it is known to name a peer on this machine.</summary>
    /// <exception cref="IOException">The address has no port, or names another host.</exception>
    public static int PortOf(Address remote, string machineHost, string scheme)
    {
        if (remote.Port is not { } port)
        {
            throw new IOException($"address {remote} has no port");
        }

        if (!string.Equals(remote.Host, machineHost, StringComparison.OrdinalIgnoreCase))
        {
            throw new IOException($"{scheme} reaches only this machine: address host={remote.Host}, this machine={machineHost}");
        }

        return port;
    }
}
