using System.Globalization;
using Actors.Remote.Platform;

namespace Actors.Cluster.Tests;

/// <summary>
/// Hosts made of Linux network namespaces on one machine: each host is a namespace with its own
/// address on 10.77.x.0/24, joined by a veth pair to a bridge in a hub namespace, the way machines
/// hang off a switch. Disposing removes every namespace it made (their links go with them).
/// </summary>
internal sealed class VirtualNetwork : IDisposable
{
    private const string Prefix = "actors-test-";
    private readonly string _hub;
    private readonly string _id;

    private VirtualNetwork(string id, int hosts)
    {
        _id = id;
        _hub = $"{Prefix}{Environment.ProcessId}-{id}-hub";
        Subnet = $"10.77.{Convert.ToInt32(id, 16) % 250}";
        Hosts = Enumerable.Range(0, hosts).Select(i => $"{Prefix}{Environment.ProcessId}-{id}-h{i}").ToArray();
    }

    /// <summary>The namespace names of the hosts.</summary>
    public IReadOnlyList<string> Hosts { get; }

    /// <summary>The first three octets of the hosts' addresses.</summary>
    private string Subnet { get; }

    /// <summary>Host <paramref name="index"/>'s address.</summary>
    public string AddressOf(int index) => $"{Subnet}.{index + 1}";

    /// <summary>
    /// Creates <paramref name="hosts"/> hosts on one bridge. Namespaces an earlier run left behind
    /// (its process is gone) are removed first.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not root, no <c>ip</c>, or a step failed (what was made is removed).</exception>
    public static VirtualNetwork Create(int hosts)
    {
        if (IpCommand.WhyUnavailable() is { } why)
        {
            throw new InvalidOperationException(why);
        }

        RemoveLeftovers();
        var network = new VirtualNetwork(Random.Shared.Next(0x1000, 0xFFFF).ToString("x4", CultureInfo.InvariantCulture), hosts);
        try
        {
            network.Build();
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Takes host <paramref name="index"/>'s link to the bridge down: it is cut off from the others.</summary>
    public void CutOff(int index) => IpCommand.Run("-n", _hub, "link", "set", HubSide(index), "down");

    public void Dispose()
    {
        foreach (var name in Hosts.Append(_hub))
        {
            try
            {
                IpCommand.Run("netns", "delete", name);
            }
            catch (InvalidOperationException)
            {
                // Never made, or already gone.
            }
        }
    }

    private void Build()
    {
        IpCommand.Run("netns", "add", _hub);
        IpCommand.Run("-n", _hub, "link", "add", "br0", "type", "bridge");
        IpCommand.Run("-n", _hub, "link", "set", "br0", "up");
        for (var i = 0; i < Hosts.Count; i++)
        {
            var host = Hosts[i];
            IpCommand.Run("netns", "add", host);
            IpCommand.Run("-n", host, "link", "set", "lo", "up");

            // Made in the hub, then one end moved into the host (interface names: 15 characters at most).
            IpCommand.Run("-n", _hub, "link", "add", HubSide(i), "type", "veth", "peer", "name", "eth0", "netns", host);
            IpCommand.Run("-n", _hub, "link", "set", HubSide(i), "master", "br0");
            IpCommand.Run("-n", _hub, "link", "set", HubSide(i), "up");
            IpCommand.Run("-n", host, "addr", "add", $"{AddressOf(i)}/24", "dev", "eth0");
            IpCommand.Run("-n", host, "link", "set", "eth0", "up");
        }
    }

    private string HubSide(int index) => $"v{_id}h{index}";

    private static void RemoveLeftovers()
    {
        foreach (var line in IpCommand.Run("netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Split(' ')[0];
            if (name.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(name[Prefix.Length..].Split('-')[0], CultureInfo.InvariantCulture, out var pid)
                && ProcessLiveness.IsGone(pid))
            {
                IpCommand.Run("netns", "delete", name);
            }
        }
    }
}
