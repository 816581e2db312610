using Actors.Perf.Contenders;

namespace Actors.Perf.Measurement;

/// <summary>
/// Runs every contender through every scenario and size, one at a time: start the partner, then for
/// each point a warm-up run (discarded) and a measured run, then stop the partner. A point that fails
/// or times out gets a row saying so, the contender's later points are passed over, and the suite goes on.
/// The round trip under bulk runs last, in a session of its own (SuiteRunner.UnderBulk.cs).
/// </summary>
public sealed partial class SuiteRunner(RunPlan plan, IReadOnlyList<IContender> contenders)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    // The first point of a run warms up this many times over: the driver's own code (Akka, Hyperion,
    // the transports) is still being compiled and tiered up then, which every later contender is spared.
    private const int FirstWarmUpRounds = 3;

    private bool _driverWarm;

    public int PointsPerContender => plan.PointsPerContender;

    public async Task<SuiteResult> RunAsync(ISuiteProgress progress, CancellationToken cancellationToken)
    {
        var rows = new List<ResultRow>();
        var skipped = new List<SkippedContender>();
        foreach (var contender in contenders)
        {
            if (contender.SkipReason is { } reason)
            {
                skipped.Add(new SkippedContender(contender.Info, reason));
                progress.Skipped(contender.Info, reason, PointsPerContender);
                continue;
            }

            var standard = await RunContenderAsync(contender, progress, cancellationToken);
            rows.AddRange(standard);
            foreach (var scenario in plan.Scenarios.Where(s => s.UnderBulk))
            {
                rows.Add(await RunUnderBulkAsync(contender, scenario, standard, progress, cancellationToken));
            }
        }

        return new SuiteResult(plan, contenders.Select(c => c.Info).ToList(), rows, skipped);
    }

    private async Task<List<ResultRow>> RunContenderAsync(IContender contender, ISuiteProgress progress, CancellationToken cancellationToken)
    {
        var rows = new List<ResultRow>();
        var scenarios = plan.Scenarios.Where(s => !s.UnderBulk).ToList();
        if (scenarios.Count == 0)
        {
            return rows;
        }

        IContenderSession? session = null;
        string? failure = null;
        var maxPayloadBytes = 0;
        try
        {
            // Read first: a config without a frame limit fails here with a clear message, not mid-run.
            maxPayloadBytes = contender.MaxPayloadBytes(ContenderSetup.Standard);
            session = await contender.StartAsync(ContenderSetup.Standard, cancellationToken).WaitAsync(StartTimeout, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            failure = $"could not start: {e.Message}";
        }

        try
        {
            foreach (var scenario in scenarios)
            {
                foreach (var size in plan.Sizes)
                {
                    progress.Starting(contender.Info, scenario, size);
                    ResultRow row;
                    if (failure is not null)
                    {
                        row = ResultRow.NotMeasured(contender.Info, scenario, size, failure);
                    }
                    else if (size > maxPayloadBytes)
                    {
                        row = ResultRow.NotMeasured(contender.Info, scenario, size, $"{ResultRow.CannotCarryNote}: largest payload {maxPayloadBytes} B");
                    }
                    else
                    {
                        try
                        {
                            row = ResultRow.From(contender.Info, scenario, size, await MeasureAsync(session!, scenario, size, cancellationToken));
                        }
                        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                        {
                            failure = $"failed at {scenario.Name} {size} B: {Describe(e)}";
                            row = ResultRow.NotMeasured(contender.Info, scenario, size, failure);
                        }
                    }

                    rows.Add(row);
                    progress.Finished(row);
                }
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync().AsTask().WaitAsync(StopTimeout, CancellationToken.None);
            }
        }

        return rows;
    }

    /// <summary>Warms up (unless <paramref name="warmUp"/> is false), then measures one point; returns what each pair measured.</summary>
    private async Task<IReadOnlyList<PairResult>> MeasureAsync(
        IContenderSession session, Scenario scenario, int size, CancellationToken cancellationToken, bool warmUp = true)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(plan.PointTimeout + (_driverWarm ? TimeSpan.Zero : (plan.WarmUp.Duration ?? TimeSpan.Zero) * FirstWarmUpRounds));
        try
        {
            var rounds = !warmUp ? 0 : _driverWarm ? 1 : FirstWarmUpRounds;
            for (var round = 0; round < rounds; round++)
            {
                await session.RunAsync(scenario, size, plan.WarmUp, deadline.Token);
            }

            _driverWarm = true;
            return await session.RunAsync(scenario, size, plan.Budget, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no result within {plan.PointTimeout.TotalSeconds:0} s");
        }
    }

    private static string Describe(Exception e) =>
        e is AggregateException { InnerException: { } inner } ? Describe(inner) : $"{e.GetType().Name}: {e.Message}";
}
