using Akka.Actor;
using Akka.Configuration;
using Akka.Coordination;

namespace Actors.Coordination.Tests;

/// <summary>The lease as Akka finds it: <c>LeaseProvider.Get(system).GetLease(name, config path, owner)</c>, configured by HOCON.</summary>
public sealed class ProcessLeaseSpec : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _directory = new();
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        var config = ConfigurationFactory.ParseString($$"""
            actors.coordination.process-lease {
              directory = "{{_directory.Path}}"
              heartbeat-interval = 50ms
            }
            # Akka's LeaseProvider logs the refused foreign lease file as an ERROR; the test checks the refusal itself.
            akka.loglevel = OFF
            """).WithFallback(CoordinationConfig.Default);
        _system = ActorSystem.Create("lease", config);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _system.Terminate().WaitAsync(s_timeout);
        _directory.Dispose();
    }

    private Lease GetLease(string name, string owner) =>
        LeaseProvider.Get(_system).GetLease(name, CoordinationConfig.LeasePath, owner);

    [Fact]
    public async Task The_provider_gives_our_lease_and_one_owner_at_a_time_holds_it()
    {
        var first = GetLease("one-owner", "first");
        var second = GetLease("one-owner", "second");

        Assert.IsType<ProcessLease>(first);
        Assert.True(await first.Acquire());
        Assert.True(await first.Acquire()); // reentrant for its owner
        Assert.True(first.CheckLease());
        Assert.False(await second.Acquire());
        Assert.False(second.CheckLease());

        Assert.True(await first.Release());
        Assert.False(first.CheckLease());
        Assert.True(await second.Acquire());
        Assert.True(second.CheckLease());
        Assert.True(await second.Release());
    }

    [Fact]
    public async Task The_lease_takes_its_settings_from_HOCON()
    {
        var lease = (ProcessLease)GetLease("settings", "owner");

        Assert.Equal(Path.Combine(_directory.Path, "settings.lease"), lease.Path);
        Assert.Equal(TimeSpan.FromMilliseconds(50), lease.Settings.TimeoutSettings.HeartbeatInterval);
        Assert.True(await lease.Acquire());
        Assert.True(await lease.Release());
    }

    [Fact]
    public async Task The_lost_lease_callback_runs_when_the_lease_file_is_deleted()
    {
        var lease = (ProcessLease)GetLease("deleted", "owner");
        var lost = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await lease.Acquire(e => lost.TrySetResult(e)));

        File.Delete(lease.Path);

        var reason = await lost.Task.WaitAsync(s_timeout);
        Assert.IsType<LeaseException>(reason);
        Assert.Contains("lease lost: lease=deleted, owner=owner", reason.Message);
        Assert.False(lease.CheckLease());
    }

    [Fact]
    public void A_lease_file_of_another_user_is_refused_naming_the_owner()
    {
        var path = _directory.File("foreign.lease");
        OtherUser.CreateFileOwnedByOtherUser(path);

        var error = Assert.ThrowsAny<Exception>(() => GetLease("foreign", "owner"));

        var refusal = error as IOException ?? error.InnerException as IOException;
        Assert.NotNull(refusal);
        Assert.Contains($"lock file belongs to another user: path={path}, owner uid={OtherUser.Uid}, expected uid={LockFile.OwnUserId}", refusal.Message);
    }

    [Fact]
    public async Task The_lease_is_released_when_its_actor_system_terminates()
    {
        var lease = (ProcessLease)GetLease("ends-with-system", "owner");
        Assert.True(await lease.Acquire());
        var path = lease.Path;

        await _system.Terminate().WaitAsync(s_timeout);

        using var lockFile = LockFile.Open(path);
        Assert.False(lockFile.IsHeldElsewhere(0));

        // Akka pipes the acquire's task to an actor: a failure comes as a failed task, not a throw.
        var failed = lease.Acquire();
        await Assert.ThrowsAsync<LeaseException>(() => failed);
    }
}
