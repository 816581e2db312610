using System.Diagnostics;
using Actors.Supervision;
using Actors.TestSupport;
using Xunit.Abstractions;

namespace Actors.Cluster.Tests;

/// <summary>
/// Across hosts for real: four cluster members, each in a network namespace of its own with its own
/// address, joined by veth links to one bridge, on cluster.conf as shipped (our TCP, <c>akka.atcp</c>, with
/// the fast lane choosing its path by itself). User messages between hosts take the lane's own TCP
/// connections (no shared memory across hosts). Then one member is SIGKILLed and another host's link is
/// taken down at once: no kernel can vouch for a process on another host, so the failure detector and the
/// Split Brain Resolver on the side left (two of four, holding the lowest address) down and remove both; the
/// cut-off member downs itself, and the two left carry on. Needs root: without it the test fails and says so.
/// Run as plain TCP and as members should run across hosts: TLS both ways with a pinned certificate and a
/// shared secret.
/// </summary>
public sealed class NetworkNamespaceClusterSpec(ITestOutputHelper output)
{
    private const int Port = 2552;
    private const int Notes = 100;
    private const int Asks = 50;
    private const int Hosts = 4;
    private const int CutOffHost = 2;
    private const int KilledHost = 3;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Members_on_four_hosts_talk_by_TCP_lanes_and_the_rest_down_a_host_killed_and_a_host_cut_off_and_carry_on(bool secure)
    {
        using var certificates = new TestCertificates();
        var security = secure ? SecureSettings(certificates) : [];
        using var network = VirtualNetwork.Create(hosts: Hosts);
        var seed = $"akka.atcp://cluster@{network.AddressOf(0)}:{Port}";
        var sinceStart = Stopwatch.StartNew();
        await using var members = await PeerGroup.StartAsync("ip", Enumerable.Range(0, Hosts).Select(i => MemberArguments(network, i, seed, security)));
        var addresses = members.Addresses.Select(a => a.ToString()).ToArray();
        Assert.Equal(Enumerable.Range(0, Hosts).Select(i => $"akka.atcp://cluster@{network.AddressOf(i)}:{Port}"), addresses);

        await Poll.UntilAsync(
            () => members.Members.All(m => addresses.All(a => m.Output.Contains($"MEMBER Up {a}"))),
            s_timeout,
            () => "not every member saw every member Up: " + Describe(members));
        output.WriteLine($"secure={secure} all_up_ms={sinceStart.Elapsed.TotalMilliseconds:0}");

        // A listener other hosts can reach warns when it has neither TLS nor a secret: so the settings took.
        Assert.Equal(!secure, members[0].Output.Any(l => l.Contains("with neither TLS nor a shared secret", StringComparison.Ordinal)));

        // Host 0 asks every other host's echo actor: once the lanes are open the requests take them, over TCP.
        await members[0].WriteLineAsync($"ask-members {Asks}");
        await Poll.UntilAsync(() => members[0].Output.Any(l => l.StartsWith("LANE_SENT ", StringComparison.Ordinal) || l.StartsWith("ASK_FAILED ", StringComparison.Ordinal)), s_timeout, () => "host 0 did not finish asking");
        var laneSent = members[0].Output.Last(l => l.StartsWith("LANE_SENT ", StringComparison.Ordinal) || l.StartsWith("ASK_FAILED ", StringComparison.Ordinal));
        output.WriteLine($"secure={secure} host0 {laneSent}");
        Assert.Matches("^LANE_SENT atcp=[1-9][0-9]*$", laneSent);

        var sinceFailure = Stopwatch.StartNew();
        members[KilledHost].Kill();
        network.CutOff(CutOffHost);
        var (killed, cutOff) = (addresses[KilledHost], addresses[CutOffHost]);
        await Poll.UntilAsync(
            () => new[] { members[0], members[1] }.All(m => m.Output.Contains($"MEMBER Removed {killed}") && m.Output.Contains($"MEMBER Removed {cutOff}")),
            s_timeout,
            () => "the side left did not remove the member killed and the member cut off: " + Describe(members));
        var removedAfter = sinceFailure.Elapsed;

        // The minority side (one of four) downs itself and its process ends.
        Assert.True(await members[CutOffHost].WaitForExitAsync(s_timeout), "the member cut off did not down itself and exit: " + Describe(members));
        output.WriteLine($"secure={secure} killed_and_cut_off_removed_ms={removedAfter.TotalMilliseconds:0} cut_off_exited_ms={sinceFailure.Elapsed.TotalMilliseconds:0} exit_code={members[CutOffHost].ExitCode}");

        // A process on another host is none of this kernel's business: its death was inferred, never confirmed.
        Assert.DoesNotContain(members[0].Output, l => l.Contains("confirmed by the kernel", StringComparison.Ordinal));

        // The two left still talk: a broadcast from host 0 reaches host 1, every note in order.
        await members[0].WriteLineAsync($"publish {Notes} 2");
        await Poll.UntilAsync(
            () => members.NotesOf(1).IsComplete([addresses[0]], Notes),
            s_timeout,
            () => $"host 1 after the failures: {members.NotesOf(1).Problem([addresses[0]], Notes)}");
    }

    // One certificate for every member, pinned by its thumbprint (the addresses are not in it), and a secret on top.
    private static string[] SecureSettings(TestCertificates certificates)
    {
        var certificate = certificates.Issue("member");
        return
        [
            "akka.remote.actors.tcp.tls.enabled = on",
            $"akka.remote.actors.tcp.tls.certificate-pem = \"{certificate.Pem}\"",
            $"akka.remote.actors.tcp.tls.private-key-pem = \"{certificate.Key}\"",
            "akka.remote.actors.tcp.tls.require-client-certificate = on",
            $"akka.remote.actors.tcp.tls.pinned-sha256-thumbprints = [\"{certificate.Thumbprint}\"]",
            "akka.remote.actors.tcp.tls.verify-hostname = off",
            $"akka.remote.actors.security.secret = \"{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))}\"",
        ];
    }

    private static string[] MemberArguments(VirtualNetwork network, int host, string seed, string[] security) =>
    [
        "netns", "exec", network.Hosts[host], ProgramStartInfo.DotnetHost(), TestMember.PeerDll,
        "--config", TestMember.ConfigPath, "--seed", seed,
        "--set", $"akka.remote.actors.tcp.hostname = \"{network.AddressOf(host)}\"",
        "--set", $"akka.remote.actors.tcp.port = {Port}",
        .. security.SelectMany(line => new[] { "--set", line }),
    ];

    private static string Describe(PeerGroup members) =>
        string.Join(" | ", members.Members.Select((m, i) => $"host {i}: {string.Join("; ", m.Output.Where(l => l.StartsWith("MEMBER", StringComparison.Ordinal) || l.Contains("ERROR", StringComparison.Ordinal)).TakeLast(12))}"));
}
