using Actors.Perf.Measurement;

namespace Actors.Perf.Contenders;

/// <summary>One system the suite compares: it starts its partner and then runs any scenario against it.</summary>
public interface IContender
{
    ContenderInfo Info { get; }

    /// <summary>Null when it can run here; otherwise why it cannot (printed, and written to results.json).</summary>
    string? SkipReason { get; }

    /// <summary>The largest payload it can carry; a larger size gets a row that says so.</summary>
    int MaxPayloadBytes { get; }

    /// <summary>Starts the partner (a second process, or for the ceiling a second system in this one).</summary>
    Task<IContenderSession> StartAsync(CancellationToken cancellationToken);

    /// <summary>The partner's side, run in the process the suite starts with <c>partner --contender NAME</c>.</summary>
    Task<int> RunPartnerAsync(string? argument, CancellationToken cancellationToken);
}

/// <summary>A contender with its partner up.</summary>
public interface IContenderSession : IAsyncDisposable
{
    /// <summary>Runs one scenario with <paramref name="payloadBytes"/> of payload per message until <paramref name="budget"/> is spent.</summary>
    Task<IReadOnlyList<PairResult>> RunAsync(Scenario scenario, int payloadBytes, Budget budget, CancellationToken cancellationToken);
}
