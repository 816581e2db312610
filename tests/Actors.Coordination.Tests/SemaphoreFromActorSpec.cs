using Akka.Actor;
using Akka.Configuration;

namespace Actors.Coordination.Tests;

/// <summary>The semaphore used from an actor: the permit arrives as a message, and so does its loss.</summary>
public sealed class SemaphoreFromActorSpec : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _directory = new();
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        var config = ConfigurationFactory.ParseString($$"""
            actors.coordination.semaphore { directory = "{{_directory.Path}}", check-interval = 50ms }
            akka.loglevel = WARNING
            """).WithFallback(CoordinationConfig.Default);
        _system = ActorSystem.Create("semaphore", config);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _system.Terminate().WaitAsync(s_timeout);
        _directory.Dispose();
    }

    [Fact]
    public async Task An_actor_gets_its_permit_and_the_notice_of_its_loss_as_messages()
    {
        using var semaphore = ProcessSemaphore.Open(_system, "from-actor", 1);
        var told = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var permitHolder = _system.ActorOf(Props.Create(() => new PermitHolder(semaphore, told)));

        Assert.Equal("held", await told.Task.WaitAsync(s_timeout));
        told = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        permitHolder.Tell(told);
        File.Delete(semaphore.Path);

        Assert.Equal("lost", await told.Task.WaitAsync(s_timeout));
    }

    /// <summary>Acquires a permit at start; says "held" when it has one and "lost" when it loses it.</summary>
    private sealed class PermitHolder : ReceiveActor
    {
        private TaskCompletionSource<string> _told;

        public PermitHolder(ProcessSemaphore semaphore, TaskCompletionSource<string> told)
        {
            _told = told;
            var self = Self;
            semaphore.AcquireAsync(s_timeout).PipeTo(self);
            Receive<SemaphorePermit>(permit =>
            {
                permit.Lost.Register(() => self.Tell(new PermitLost()));
                _told.TrySetResult("held");
            });
            Receive<TaskCompletionSource<string>>(next => _told = next);
            Receive<PermitLost>(_ => _told.TrySetResult("lost"));
        }
    }

    private sealed record PermitLost;
}
