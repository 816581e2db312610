namespace Actors.Perf.Measurement;

/// <summary>A contender that did not run at all, and why.</summary>
public sealed record SkippedContender(ContenderInfo Contender, string Reason);

/// <summary>Everything one run of the suite produced.</summary>
public sealed record SuiteResult(RunPlan Plan, IReadOnlyList<ContenderInfo> Contenders, IReadOnlyList<ResultRow> Rows, IReadOnlyList<SkippedContender> Skipped);
