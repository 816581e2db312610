using FsCheck;
using FsCheck.Xunit;

namespace Actors.Coordination.Tests;

/// <summary>
/// Two semaphores of one name (two open file descriptions: as two processes see each other) driven by
/// random steps, against a plain model: a set of held permits per holder, never more than N in all.
/// Steps: try to acquire on either, release a held permit, release a permit already released or lost
/// (nothing happens), and delete the file (both holders check: every held permit is lost).
/// </summary>
public sealed class ProcessSemaphoreModelProperties
{
    private enum Step
    {
        AcquireFirst,
        AcquireSecond,
        ReleaseFirst,
        ReleaseSecond,
        ReleaseStale,
        DeleteFile,
    }

    [Property(MaxTest = 150)]
    public void The_semaphores_agree_with_the_model(PositiveInt permits, byte[] steps)
    {
        var permitCount = (permits.Get % 4) + 1;
        using var directory = new TempDirectory();
        var settings = CoordinationSettings.Default with { Directory = directory.Path, CheckInterval = TimeSpan.FromHours(1) };
        using var first = ProcessSemaphore.Open("model", permitCount, settings);
        using var second = ProcessSemaphore.Open("model", permitCount, settings);
        var holders = new[] { first, second };
        var modelHeld = new[] { new List<SemaphorePermit>(), new List<SemaphorePermit>() };
        var stale = new List<SemaphorePermit>();

        foreach (var raw in steps)
        {
            var step = (Step)(raw % 6);
            var which = (raw / 6) % 2;
            switch (step)
            {
                case Step.AcquireFirst or Step.AcquireSecond:
                {
                    var holder = step == Step.AcquireFirst ? 0 : 1;
                    var permit = holders[holder].TryAcquire();
                    var total = modelHeld[0].Count + modelHeld[1].Count;
                    Assert.Equal(total < permitCount, permit is not null);
                    if (permit is not null)
                    {
                        Assert.DoesNotContain(permit.Index, modelHeld.SelectMany(h => h).Select(p => p.Index));
                        modelHeld[holder].Add(permit);
                    }

                    break;
                }

                case Step.ReleaseFirst or Step.ReleaseSecond:
                {
                    var held = modelHeld[step == Step.ReleaseFirst ? 0 : 1];
                    if (held.Count > 0)
                    {
                        var permit = held[raw % held.Count];
                        permit.Release();
                        held.Remove(permit);
                        stale.Add(permit);
                        Assert.False(permit.IsHeld);
                        Assert.False(permit.Lost.IsCancellationRequested);
                    }

                    break;
                }

                case Step.ReleaseStale when stale.Count > 0:
                    stale[raw % stale.Count].Release();
                    break;

                case Step.DeleteFile:
                {
                    File.Delete(first.Path);
                    Assert.Equal(modelHeld[which].Count == 0, holders[which].CheckNow());
                    Assert.Equal(modelHeld[1 - which].Count == 0, holders[1 - which].CheckNow());
                    foreach (var permit in modelHeld.SelectMany(h => h))
                    {
                        Assert.True(permit.Lost.IsCancellationRequested);
                        Assert.False(permit.IsHeld);
                        stale.Add(permit);
                    }

                    modelHeld[0].Clear();
                    modelHeld[1].Clear();
                    break;
                }
            }

            Assert.Equal(modelHeld[0].Count, first.HeldCount);
            Assert.Equal(modelHeld[1].Count, second.HeldCount);
            Assert.All(modelHeld.SelectMany(h => h), p => Assert.True(p.IsHeld));
        }
    }
}
