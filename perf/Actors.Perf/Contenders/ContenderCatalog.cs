using Actors.Perf.Contenders.AkkaRemote;
using Actors.Perf.Contenders.Ceiling;
using Actors.Perf.Contenders.ProtoActor;
using Actors.Perf.Contenders.Raw;
using Actors.Perf.Measurement;

namespace Actors.Perf.Contenders;

/// <summary>Every contender the suite knows, in the order the report shows them.</summary>
public static class ContenderCatalog
{
    /// <summary>
    /// Our transports, one per shipped HOCON file: adding a transport is adding a line here. A file that
    /// is not in this build (shm before it lands) gives a skipped contender with the reason printed.
    /// </summary>
    // The one switch that puts user messages on the lane, whatever the transport.
    private const string LaneOn = "akka.remote.actors.lane.enabled = on";

    // The lane on, kept on its transport's connections: two processes of one machine and user would
    // otherwise move it into a shared-memory ring by itself (that is lane-auto).
    private const string LaneOnTheStream = $"{LaneOn}\nakka.remote.actors.lane.shared-memory = off";

    private static readonly (string Name, string File, string Overrides, string Description)[] s_ours =
    [
        ("shm-busy-spin", "shm.conf", "akka.remote.actors.shm.wait-strategy = busy-spin", "Actors shared-memory ring, readers spin"),
        ("shm-yielding", "shm.conf", "akka.remote.actors.shm.wait-strategy = yielding", "Actors shared-memory ring, readers spin then yield"),
        ("shm-parking", "shm.conf", "akka.remote.actors.shm.wait-strategy = parking", "Actors shared-memory ring, readers spin, yield, then park on a futex"),
        ("lane", "lane.conf", "", "Actors fast lane: user messages through a shm ring straight into the target's mailbox"),
        ("lane-auto", "auto.conf", "", "Actors fast lane chosen by itself: atcp addresses, and a shm ring because the peer shares this machine and user"),
        ("lane-uds", "uds.conf", LaneOnTheStream, "Actors fast lane over a Unix-domain socket connection of its own beside the association"),
        ("lane-atcp", "tcp.conf", LaneOnTheStream, "Actors fast lane over a TCP connection of its own beside the association (no TLS)"),
        ("uds", "uds.conf", "", "Actors Unix-domain socket transport (akka.uds)"),
        ("atcp", "tcp.conf", "", "Actors TCP transport, no DotNetty (akka.atcp)"),
        ("pipe", "pipe.conf", "", "Actors named-pipe transport (akka.pipe)"),
        ("fifo", "fifo.conf", "", "Actors FIFO transport (akka.fifo)"),
        ("apipe", "apipe.conf", "", "Actors anonymous-pipe transport to a child (akka.apipe)"),
    ];

    private static readonly IRawMechanism[] s_rawMechanisms =
    [
        new SharedMemoryRingMechanism(),
        new UnixSocketMechanism(),
        new TcpMechanism(),
        new NamedPipeMechanism(),
        new FifoMechanism(),
        new AnonymousPipeMechanism(),
    ];

    public static IReadOnlyList<IContender> All { get; } = Build();

    /// <summary>The contender called <paramref name="name"/>, or null.</summary>
    public static IContender? Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Info.Name, name, StringComparison.OrdinalIgnoreCase));

    private static List<IContender> Build()
    {
        var contenders = new List<IContender>();
        foreach (var (name, file, overrides, description) in s_ours)
        {
            var path = $"HOCON/{file}";
            contenders.Add(new AkkaContender(
                new ContenderInfo(name, ContenderInfo.Ours, description),
                new AkkaConfigSource(path, overrides),
                $"{path} is not in this build: that transport has not landed yet"));
        }

        contenders.Add(new AkkaContender(
            new ContenderInfo("lane-tls", ContenderInfo.Ours, "Actors fast lane over a mutual-TLS connection of its own beside the association (atcp with TLS)"),
            new AkkaConfigSource("HOCON/tls.conf", LaneOnTheStream, PerfTlsCertificate.Overrides),
            "HOCON/tls.conf is not in this build"));
        contenders.Add(new AkkaContender(
            new ContenderInfo("akka.tcp-hyperion", ContenderInfo.Akka, "Akka.Remote's own DotNetty TCP transport, same serializer (Hyperion) as ours"),
            new AkkaConfigSource("Configs/akka-tcp.conf"),
            "Configs/akka-tcp.conf is missing beside the program"));
        contenders.Add(new AkkaContender(
            new ContenderInfo("akka.tcp-json", ContenderInfo.Akka, "Akka.Remote's own DotNetty TCP transport with Akka's default serializer (Newtonsoft JSON)"),
            new AkkaConfigSource("Configs/akka-tcp-json.conf"),
            "Configs/akka-tcp-json.conf is missing beside the program"));
        contenders.Add(new CeilingContender(
            new ContenderInfo("akka-ceiling", ContenderInfo.Ceiling, "Akka.Remote over an in-memory transport, two systems in one process, no I/O"),
            new AkkaConfigSource("Configs/ceiling.conf")));
        contenders.Add(new ProtoContender(
            new ContenderInfo("proto-remote-hyperion", ContenderInfo.Proto, "Proto.Actor + Proto.Remote 1.8 (gRPC, loopback TCP), same messages through Hyperion"),
            new HyperionProtoMessages()));
        contenders.Add(new ProtoContender(
            new ContenderInfo("proto-remote-protobuf", ContenderInfo.Proto, "Proto.Actor + Proto.Remote 1.8 (gRPC, loopback TCP), protobuf-generated messages through its own serializer"),
            new ProtobufProtoMessages()));
        contenders.AddRange(s_rawMechanisms.Select(mechanism => new RawContender(mechanism)));
        return contenders;
    }
}
