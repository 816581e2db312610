using System.CommandLine;
using Actors.RingPeer;
using Actors.Remote.SharedMemory;

// The far end of a raw run: maps the segment the measuring process created (or connects to its
// Unix-domain socket), says READY, then drains what arrives (sink) or sends every record back (echo)
// until told to stop or until its standard input closes (the measuring process is gone).
var segmentOption = new Option<string?>("--segment") { Description = "The segment file to map, as its acceptor." };
var socketOption = new Option<string?>("--socket") { Description = "A Unix-domain socket to connect to instead of a segment." };
var waitOption = new Option<string>("--wait") { Description = "busy-spin, yielding or parking (rings only).", DefaultValueFactory = _ => "parking" };
var verifyOption = new Option<bool>("--verify") { Description = "Check every record's checksum and filler, not only its sequence number (rings only)." };

var sink = new Command("sink", "Read records, count them, check their order; answer each fence with a report.") { segmentOption, socketOption, waitOption, verifyOption };
sink.SetAction(parse => Run(parse, PeerMode.Sink));
var echo = new Command("echo", "Send every record back unchanged.") { segmentOption, socketOption, waitOption };
echo.SetAction(parse => Run(parse, PeerMode.Echo));

var root = new RootCommand("Raw shared-memory ring (or Unix socket) peer for tests and benchmarks.") { sink, echo };
return await root.Parse(args).InvokeAsync();

int Run(ParseResult parse, PeerMode mode) => (parse.GetValue(segmentOption), parse.GetValue(socketOption)) switch
{
    ({ } segment, null) => PeerLoop.Run(segment, PeerProgram.ParseWait(parse.GetValue(waitOption)!), mode, parse.GetValue(verifyOption)),
    (null, { } socket) => SocketPeerLoop.Run(socket, mode),
    _ => throw new ArgumentException("give exactly one of --segment and --socket"),
};
