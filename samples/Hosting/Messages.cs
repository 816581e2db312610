namespace Hosting;

/// <summary>A job for a worker: square <paramref name="Number"/>.</summary>
public sealed record Job(int Id, int Number);

/// <summary>A worker's answer to a <see cref="Job"/>.</summary>
public sealed record JobDone(int Id, string Worker, long Result);
