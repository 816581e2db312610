using System.CommandLine;
using Actors.RingPeer;
using Actors.Remote.SharedMemory;

// The far end of a raw ring run: maps the segment the measuring process created and named on the
// command line, says READY, then drains its ring (sink) or sends every record back (echo) until
// told to stop or until its standard input closes (the measuring process is gone).
var segmentOption = new Option<string>("--segment") { Description = "The segment file to map, as its acceptor.", Required = true };
var waitOption = new Option<string>("--wait") { Description = "busy-spin, yielding or parking.", DefaultValueFactory = _ => "parking" };
var verifyOption = new Option<bool>("--verify") { Description = "Check every record's checksum and filler, not only its sequence number." };

var sink = new Command("sink", "Read records, count them, check their order; answer each fence with a report.") { segmentOption, waitOption, verifyOption };
sink.SetAction(parse => PeerLoop.Run(parse.GetValue(segmentOption)!, ParseWait(parse.GetValue(waitOption)!), PeerMode.Sink, parse.GetValue(verifyOption)));

var echo = new Command("echo", "Send every record back unchanged.") { segmentOption, waitOption };
echo.SetAction(parse => PeerLoop.Run(parse.GetValue(segmentOption)!, ParseWait(parse.GetValue(waitOption)!), PeerMode.Echo, verify: false));

var root = new RootCommand("Raw shared-memory ring peer for tests and benchmarks.") { sink, echo };
return await root.Parse(args).InvokeAsync();

static WaitStrategy ParseWait(string value) => value switch
{
    "busy-spin" => WaitStrategy.BusySpin,
    "yielding" => WaitStrategy.Yielding,
    "parking" => WaitStrategy.Parking,
    _ => throw new ArgumentException($"--wait {value}: expected busy-spin, yielding or parking"),
};
