using System.Net;
using Actors.Remote.Diagnostics.ExpectedDeaths;
using Akka.Actor;
using Akka.Event;
using FsCheck;
using FsCheck.Xunit;

namespace Actors.Remote.Tests.Diagnostics;

/// <summary>
/// The expected-death filter drops a line exactly when it is one of Akka.Remote's association-loss
/// lines, at WARNING or ERROR, naming a peer whose process the transport confirmed gone; every other
/// line (another level, another failure, a peer that lives on, a peer nobody vouched for, no peer named)
/// is kept.
/// </summary>
public sealed class ExpectedDeathLogFilterProperties
{
    public enum PeerState
    {
        NeverVouchedFor,
        ConfirmedDead,
        ConfirmedAlive,
    }

    private static readonly LogLevel[] s_levels = [LogLevel.DebugLevel, LogLevel.InfoLevel, LogLevel.WarningLevel, LogLevel.ErrorLevel];

    // Akka.Remote's lines about an association's end, and lines about other trouble with the same peer.
    private static readonly string[] s_lossLines =
    [
        "Disassociated",
        "Association with remote system {0} has failed; address is now gated for 5000 ms. Reason is: [Akka.Remote.EndpointDisassociatedException: Disassociated]",
        "Association to [{0}] having UID [42] is irrecoverably failed. UID is now quarantined",
        "Association to [{0}] with unknown UID is reported as quarantined, but address cannot be quarantined without knowing the UID, gating instead for 5000 ms.",
        "AssociationError [akka.uds://local@host:2] -> {0}: Error [Association failed with {0}] []",
    ];

    private static readonly string[] s_otherLines =
    [
        "Failed to serialize remote message [Boom] using serializer [4101] to {0}",
        "Tried to associate with unreachable remote address [{0}]",
    ];

    private readonly ExpectedDeathLogFilter _filter = new();

    [Property(MaxTest = 300)]
    public bool A_line_is_dropped_only_when_it_is_an_association_loss_of_a_peer_confirmed_dead(
        PeerState state, byte level, bool lossLine, byte lineIndex, bool nameInSource)
    {
        var address = UniqueAddress();
        Prepare(address, state);
        var logLevel = s_levels[level % s_levels.Length];
        var lines = lossLine ? s_lossLines : s_otherLines;
        var message = string.Format(System.Globalization.CultureInfo.InvariantCulture, lines[lineIndex % lines.Length], nameInSource ? "elsewhere" : address);
        // Akka's endpoint writer logs under its actor path, which names the peer URL-encoded.
        var source = nameInSource
            ? $"akka://local/system/endpointManager/reliableEndpointWriter-{WebUtility.UrlEncode(address.ToString())}-1/endpointWriter"
            : "akka://local/system/endpointManager";

        var decision = _filter.ShouldKeepMessage(Event(logLevel, source, message));

        var namesPeer = nameInSource || message.Contains(address.ToString(), StringComparison.Ordinal);
        var expectDrop = state == PeerState.ConfirmedDead && lossLine && namesPeer && logLevel >= LogLevel.WarningLevel;
        return decision == (expectDrop ? LogFilterDecision.Drop : LogFilterDecision.Keep);
    }

    [Fact]
    public async Task A_loss_line_that_comes_before_the_confirmation_starts_waits_for_its_verdict()
    {
        var address = UniqueAddress();
        PeerFates.Watching(address, 4242);
        var line = Event(LogLevel.ErrorLevel, "akka://local/system/endpointManager", $"Association with remote system {address} has failed; address is now gated. Reason is: [Disassociated]");

        var decision = Task.Run(() => _filter.ShouldKeepMessage(line));
        PeerFates.Ending(address, 4242, Task.FromResult(true));

        Assert.Equal(LogFilterDecision.Drop, await decision.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_loss_line_whose_confirmation_never_comes_is_kept_after_a_bounded_wait()
    {
        var address = UniqueAddress();
        PeerFates.Watching(address, 4242);
        PeerFates.Ending(address, 4242, new TaskCompletionSource<bool>().Task);
        var line = Event(LogLevel.ErrorLevel, "akka://local/system/endpointManager", $"Association with remote system {address} has failed; address is now gated. Reason is: [Disassociated]");

        Assert.Equal(LogFilterDecision.Keep, await Task.Run(() => _filter.ShouldKeepMessage(line)).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_process_confirmed_gone_stays_gone_when_a_later_association_end_confirms_nothing()
    {
        var address = UniqueAddress();
        PeerFates.Watching(address, 4242);
        PeerFates.Ending(address, 4242, Task.FromResult(true));
        PeerFates.Ending(address, 4242, Task.FromResult(false));
        var line = Event(LogLevel.ErrorLevel, "akka://local/system/endpointManager", $"Association with remote system {address} has failed; address is now gated. Reason is: [Disassociated]");

        Assert.Equal(LogFilterDecision.Drop, await Task.Run(() => _filter.ShouldKeepMessage(line)).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_new_process_at_the_same_address_is_not_taken_for_the_dead_one()
    {
        var address = UniqueAddress();
        PeerFates.Ending(address, 1111, Task.FromResult(true));
        PeerFates.Watching(address, 2222);
        PeerFates.Ending(address, 2222, Task.FromResult(false));
        var line = Event(LogLevel.ErrorLevel, "akka://local/system/endpointManager", $"Association with remote system {address} has failed; address is now gated. Reason is: [Disassociated]");

        Assert.Equal(LogFilterDecision.Keep, await Task.Run(() => _filter.ShouldKeepMessage(line)).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static void Prepare(Address address, PeerState state)
    {
        const int processId = 4242;
        switch (state)
        {
            case PeerState.ConfirmedDead:
                PeerFates.Watching(address, processId);
                PeerFates.Ending(address, processId, Task.FromResult(true));
                break;
            case PeerState.ConfirmedAlive:
                PeerFates.Watching(address, processId);
                PeerFates.Ending(address, processId, Task.FromResult(false));
                break;
        }
    }

    private static Address UniqueAddress() => new("akka.uds", $"p{Guid.NewGuid():N}", "host", 1);

    private static LogEvent Event(LogLevel level, string source, string message) => level switch
    {
        LogLevel.DebugLevel => new Debug(source, typeof(ExpectedDeathLogFilterProperties), message),
        LogLevel.InfoLevel => new Info(source, typeof(ExpectedDeathLogFilterProperties), message),
        LogLevel.WarningLevel => new Warning(source, typeof(ExpectedDeathLogFilterProperties), message),
        _ => new Error(null, source, typeof(ExpectedDeathLogFilterProperties), message),
    };
}
