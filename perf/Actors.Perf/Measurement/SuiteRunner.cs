using Actors.Perf.Contenders;

namespace Actors.Perf.Measurement;

/// <summary>
/// Runs every contender through every scenario and size, one at a time: start the partner, then for
/// each point a warm-up run (discarded) and a measured run, then stop the partner. A point that fails
/// or times out gets a row saying so, the contender's later points are passed over, and the suite goes on.
/// </summary>
public sealed class SuiteRunner(RunPlan plan, IReadOnlyList<IContender> contenders)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    // The first point of a run warms up this many times over: the driver's own code (Akka, Hyperion,
    // the transports) is still being compiled and tiered up then, which every later contender is spared.
    private const int FirstWarmUpRounds = 3;

    private bool _driverWarm;

    public int PointsPerContender => plan.Sizes.Count * plan.Scenarios.Count;

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

            rows.AddRange(await RunContenderAsync(contender, progress, cancellationToken));
        }

        return new SuiteResult(plan, contenders.Select(c => c.Info).ToList(), rows, skipped);
    }

    private async Task<List<ResultRow>> RunContenderAsync(IContender contender, ISuiteProgress progress, CancellationToken cancellationToken)
    {
        var rows = new List<ResultRow>();
        IContenderSession? session = null;
        string? failure = null;
        var maxPayloadBytes = 0;
        try
        {
            // Read first: a config without a frame limit fails here with a clear message, not mid-run.
            maxPayloadBytes = contender.MaxPayloadBytes;
            session = await contender.StartAsync(cancellationToken).WaitAsync(StartTimeout, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            failure = $"could not start: {e.Message}";
        }

        try
        {
            foreach (var scenario in plan.Scenarios)
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
                        row = ResultRow.NotMeasured(contender.Info, scenario, size, $"cannot carry it: largest payload {maxPayloadBytes} B");
                    }
                    else
                    {
                        try
                        {
                            row = await MeasureAsync(session!, contender.Info, scenario, size, cancellationToken);
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

    private async Task<ResultRow> MeasureAsync(
        IContenderSession session, ContenderInfo contender, Scenario scenario, int size, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(plan.PointTimeout + (_driverWarm ? TimeSpan.Zero : (plan.WarmUp.Duration ?? TimeSpan.Zero) * FirstWarmUpRounds));
        try
        {
            for (var round = _driverWarm ? FirstWarmUpRounds - 1 : 0; round < FirstWarmUpRounds; round++)
            {
                await session.RunAsync(scenario, size, plan.WarmUp, deadline.Token);
            }

            _driverWarm = true;
            var pairs = await session.RunAsync(scenario, size, plan.Budget, deadline.Token);
            return ResultRow.From(contender, scenario, size, pairs);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no result within {plan.PointTimeout.TotalSeconds:0} s");
        }
    }

    private static string Describe(Exception e) =>
        e is AggregateException { InnerException: { } inner } ? Describe(inner) : $"{e.GetType().Name}: {e.Message}";
}
