using System.Diagnostics;

namespace Actors.Coordination.Tests;

public sealed class ProcessSemaphoreSpec : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _directory = new();

    private CoordinationSettings Settings => CoordinationSettings.Default with { Directory = _directory.Path, CheckInterval = TimeSpan.FromMilliseconds(50) };

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Two_semaphores_of_one_name_in_one_process_share_the_permits()
    {
        using var first = ProcessSemaphore.Open("shared", 2, Settings);
        using var second = ProcessSemaphore.Open("shared", 2, Settings);

        using var a = first.TryAcquire();
        using var b = second.TryAcquire();

        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.NotEqual(a.Index, b.Index);
        Assert.Null(first.TryAcquire());
        Assert.Null(second.TryAcquire());
    }

    [Fact]
    public void The_semaphore_file_is_created_mode_0600()
    {
        using var semaphore = ProcessSemaphore.Open("mode", 1, Settings);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(semaphore.Path));
    }

    [Fact]
    public async Task AcquireAsync_should_give_null_when_no_permit_frees_within_the_timeout()
    {
        using var holder = ProcessSemaphore.Open("busy", 1, Settings);
        using var waiter = ProcessSemaphore.Open("busy", 1, Settings);
        using var held = holder.TryAcquire();

        Assert.Null(await waiter.AcquireAsync(TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public async Task AcquireAsync_should_take_the_permit_a_holder_releases()
    {
        using var holder = ProcessSemaphore.Open("handed", 1, Settings);
        using var waiter = ProcessSemaphore.Open("handed", 1, Settings);
        var held = holder.TryAcquire()!;

        var waiting = waiter.AcquireAsync(s_timeout);
        held.Release();

        using var taken = await waiting;
        Assert.NotNull(taken);
    }

    [Fact]
    public async Task AcquireAsync_without_limit_should_wait_until_a_permit_is_released()
    {
        using var holder = ProcessSemaphore.Open("unlimited", 1, Settings);
        using var waiter = ProcessSemaphore.Open("unlimited", 1, Settings);
        var held = holder.TryAcquire()!;

        var waiting = waiter.AcquireAsync(Timeout.InfiniteTimeSpan);
        held.Release();

        using var taken = await waiting.WaitAsync(s_timeout);
        Assert.NotNull(taken);
    }

    [Fact]
    public async Task A_held_permit_is_lost_with_a_notice_when_its_file_is_deleted()
    {
        using var semaphore = ProcessSemaphore.Open("deleted", 1, Settings);
        var permit = semaphore.TryAcquire()!;
        var lost = new TaskCompletionSource<string?>();
        permit.Lost.Register(() => lost.TrySetResult(permit.LostReason));

        File.Delete(semaphore.Path);

        // The periodic check notices it (every 50ms here).
        var reason = await lost.Task.WaitAsync(s_timeout);
        Assert.Contains("gone from its path", reason);
        Assert.False(permit.IsHeld);
        Assert.Equal(0, semaphore.HeldCount);

        // The next acquire locks the file the path names now.
        using var again = semaphore.TryAcquire();
        Assert.NotNull(again);
        Assert.True(File.Exists(semaphore.Path));
    }

    [Fact]
    public void A_held_permit_is_lost_when_its_file_is_replaced_by_another()
    {
        using var semaphore = ProcessSemaphore.Open("replaced", 1, Settings);
        var permit = semaphore.TryAcquire()!;
        var replacement = _directory.File("replacement");
        File.WriteAllText(replacement, string.Empty);

        File.Move(replacement, semaphore.Path, overwrite: true);

        Assert.False(semaphore.CheckNow());
        Assert.True(permit.Lost.IsCancellationRequested);
        Assert.Contains("replaced", permit.LostReason);
    }

    [Fact]
    public void A_semaphore_file_of_another_user_is_refused_naming_the_owner()
    {
        var path = _directory.File(LockFileName.For("foreign", ProcessSemaphore.FileExtension));
        OtherUser.CreateFileOwnedByOtherUser(path);

        var error = Assert.Throws<IOException>(() => ProcessSemaphore.Open("foreign", 1, Settings));

        Assert.Contains($"lock file belongs to another user: path={path}, owner uid={OtherUser.Uid}", error.Message);
    }

    [Fact]
    public void A_link_planted_at_the_path_is_refused()
    {
        var target = _directory.File("target");
        File.WriteAllText(target, string.Empty);
        File.CreateSymbolicLink(_directory.File(LockFileName.For("linked", ProcessSemaphore.FileExtension)), target);

        var error = Assert.Throws<IOException>(() => ProcessSemaphore.Open("linked", 1, Settings));

        Assert.Contains("open failed", error.Message);
    }

    [Fact]
    public async Task Permits_are_given_back_when_the_semaphore_is_disposed()
    {
        var holder = ProcessSemaphore.Open("disposed", 1, Settings);
        var permit = holder.TryAcquire()!;
        using var waiter = ProcessSemaphore.Open("disposed", 1, Settings);

        holder.Dispose();

        Assert.False(permit.IsHeld);
        using var taken = await waiter.AcquireAsync(s_timeout);
        Assert.NotNull(taken);
    }

    [Fact]
    public void A_permit_count_out_of_range_is_refused_with_the_limit()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ProcessSemaphore.Open("zero", 0, Settings));
        Assert.Contains("permits=0", error.Message);
    }
}
