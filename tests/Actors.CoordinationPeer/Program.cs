using Actors.CoordinationPeer;

// The other process of the coordination tests: one verb, its arguments, lines on stdout.
//   hold-lease <directory> <name>                     takes the lease, says "held", waits for stdin to close
//   wait-lease <directory> <name> <timeout-ms>        says "waiting" (the lease is taken), then "acquired <timestamp>"
//   contend <directory> <name> <permits> <rounds>     says "ready", waits for "go", then acquires and releases
//                                                      a permit <rounds> times, saying "hold <index> <entered> <leaving>"
//                                                      for each, then "done"
// Timestamps are Stopwatch ticks (CLOCK_MONOTONIC): comparable between processes of one machine.
return args switch
{
    ["hold-lease", var directory, var name] => await LeaseVerbs.HoldAsync(directory, name),
    ["wait-lease", var directory, var name, var timeoutMs] => await LeaseVerbs.WaitAsync(directory, name, TimeSpan.FromMilliseconds(int.Parse(timeoutMs))),
    ["contend", var directory, var name, var permits, var rounds] =>
        await SemaphoreContender.RunAsync(directory, name, int.Parse(permits), int.Parse(rounds)),
    _ => Usage(args),
};

static int Usage(string[] args)
{
    Console.Error.WriteLine($"unknown verb or arguments: args={string.Join(' ', args)}");
    return 64;
}
