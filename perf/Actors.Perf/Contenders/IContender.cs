using Actors.Perf.Measurement;

namespace Actors.Perf.Contenders;

/// <summary>One system the suite compares: it starts its partner and then runs any scenario against it.</summary>
public interface IContender
{
    ContenderInfo Info { get; }

    /// <summary>Null when it can run here; otherwise why it cannot (printed, and written to results.json).</summary>
    string? SkipReason { get; }

    /// <summary>The largest payload it can carry with <paramref name="setup"/>; a larger size gets a row that says so.</summary>
    int MaxPayloadBytes(ContenderSetup setup);

    /// <summary>
    /// Null when it can be set up for <see cref="ContenderSetup.LargeMessages"/> as its users would do it;
    /// otherwise why not (the round trip under bulk then gets a row saying so).
    /// </summary>
    string? LargeMessagesUnsupportedReason { get; }

    /// <summary>Starts the partner (a second process, or for the ceiling a second system in this one), both configured for <paramref name="setup"/>.</summary>
    Task<IContenderSession> StartAsync(ContenderSetup setup, CancellationToken cancellationToken);

    /// <summary>The partner's side, run in the process the suite starts with <c>partner --contender NAME</c>.</summary>
    Task<int> RunPartnerAsync(string? argument, CancellationToken cancellationToken);
}

/// <summary>A contender with its partner up.</summary>
public interface IContenderSession : IAsyncDisposable
{
    /// <summary>Runs one scenario with <paramref name="payloadBytes"/> of payload per message until <paramref name="budget"/> is spent.</summary>
    Task<IReadOnlyList<PairResult>> RunAsync(Scenario scenario, int payloadBytes, Budget budget, CancellationToken cancellationToken);
}
