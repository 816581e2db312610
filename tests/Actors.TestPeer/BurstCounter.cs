using Akka.Actor;

namespace Actors.TestPeer;

/// <summary>
/// Counts the <see cref="Counted"/> messages of each sender and checks they come in order; reports on
/// <see cref="AwaitBurstReport"/> once every sender has ended, or once the stream has gone quiet.
/// </summary>
public sealed class BurstCounter : ReceiveActor, IWithTimers
{
    public const string Name = "burst-counter";

    private const string QuietCheckKey = "quiet-check";
    private readonly Dictionary<int, long> _received = [];
    private readonly Dictionary<int, long> _inOrder = [];
    private readonly Dictionary<int, long> _announced = [];
    private long _total;
    private long _totalAtLastCheck;
    private IActorRef? _reportTo;
    private int _awaitedSenders;

    public BurstCounter()
    {
        Receive<Counted>(Count);
        Receive<BurstEnded>(ended =>
        {
            _announced[ended.Sender] = ended.Sent;
            ReportIfAllEnded();
        });
        Receive<AwaitBurstReport>(request =>
        {
            _reportTo = Sender;
            _awaitedSenders = request.Senders;
            _totalAtLastCheck = _total;
            // A periodic check, not ReceiveTimeout: that would reschedule a timer for every counted message.
            Timers.StartPeriodicTimer(QuietCheckKey, QuietCheck.Instance, request.Quiet);
            ReportIfAllEnded();
        });
        Receive<QuietCheck>(_ =>
        {
            if (_total == _totalAtLastCheck)
            {
                Report(quiet: true);
            }

            _totalAtLastCheck = _total;
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private void Count(Counted message)
    {
        _total++;
        _received[message.Sender] = _received.GetValueOrDefault(message.Sender) + 1;
        var due = _inOrder.GetValueOrDefault(message.Sender);
        if (message.Seq == due)
        {
            _inOrder[message.Sender] = due + 1;
        }
    }

    private void ReportIfAllEnded()
    {
        if (_reportTo is not null && _announced.Count >= _awaitedSenders)
        {
            Report(quiet: false);
        }
    }

    private void Report(bool quiet)
    {
        var senders = _received.Keys.Union(_announced.Keys).Order()
            .Select(s => new SenderTally(s, _received.GetValueOrDefault(s), _inOrder.GetValueOrDefault(s), _announced.GetValueOrDefault(s, -1)))
            .ToArray();
        _reportTo?.Tell(new BurstReport(senders, quiet));
        _reportTo = null;
        Timers.Cancel(QuietCheckKey);
    }

    /// <summary>The periodic look at whether anything arrived since the last one.</summary>
    private sealed class QuietCheck
    {
        public static readonly QuietCheck Instance = new();
    }
}
