using System.Diagnostics;
using Actors.Remote.Platform;

namespace Actors.Remote.Tests.DeathWatch;

public sealed class ProcessLivenessTests
{
    [Fact]
    public void IsGone_ThisProcess_IsFalse() => Assert.False(ProcessLiveness.IsGone(Environment.ProcessId));

    [Fact]
    public async Task IsGone_AProcessThatWasKilled_IsTrue()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            Assert.False(ProcessLiveness.IsGone(child.Id));
        }
        finally
        {
            child.Kill();
            await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.True(ProcessLiveness.IsGone(child.Id));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void IsGone_NoSuchProcessId_IsFalseBecauseNothingCanBeConfirmed(int processId) =>
        Assert.False(ProcessLiveness.IsGone(processId));
}
