using Actors.Remote.DeathWatch;
using Akka.Actor;
using Akka.Event;

namespace Actors.Supervision;

/// <summary>
/// Owns peer processes the way a supervisor owns child actors: starts each <see cref="PeerSpec"/>,
/// learns of its death from the operating system (process exit) and from Akka (DeathWatch of its
/// target actor, or a local transport's confirmed death news), whichever comes first, acts once, and
/// restarts by its <see cref="SupervisionStrategy"/>. Every step is published on the EventStream as a
/// <see cref="PeerEvent"/>. Users hold each peer's proxy (a child actor named after the peer) and never
/// track addresses. When the supervisor stops, its peers stop with it.
/// </summary>
public sealed class ProcessSupervisor : ReceiveActor, IWithTimers
{
    /// <summary>Asks for a peer's status; the reply is a <see cref="PeerStatus"/>.</summary>
    public sealed record GetPeer(string Name);

    /// <summary>A peer's status. <paramref name="Proxy"/> is the handle to send it messages through.</summary>
    public sealed record PeerStatus(string Name, IActorRef Proxy, Address? Address, int? ProcessId, bool IsUp, bool GaveUp);

    private sealed record StartPeer(string Name, int Generation);

    private sealed record Started(string Name, int Generation, ChildActorSystem Child, IActorRef Target);

    private sealed record StartFailed(string Name, int Generation, ChildActorSystem? Child, Exception Error);

    private sealed record ProcessExited(string Name, int Generation, int ExitCode);

    private sealed record EnsureExited(string Name, int Generation);

    // How long a peer asked to stop (its stdin closed) may take before it is killed; a killed peer
    // cannot remove its own listener files (the systems it talked to remove them).
    private static readonly TimeSpan s_stopGrace = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan s_exitGrace = TimeSpan.FromSeconds(5);

    private readonly SupervisionStrategy _strategy;
    private readonly Dictionary<string, PeerSlot> _peers = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>A supervisor of <paramref name="peers"/>; use <see cref="Props"/>, which checks the names first.</summary>
    /// <param name="peers">The peers to start, each with a unique name.</param>
    /// <param name="strategy">How to restart.</param>
    /// <param name="proxyBufferLimit">Messages each proxy holds while its peer is down.</param>
    public ProcessSupervisor(IEnumerable<PeerSpec> peers, SupervisionStrategy strategy, int proxyBufferLimit)
    {
        _strategy = strategy.Validate();
        foreach (var spec in peers)
        {
            var proxy = Context.ActorOf(Akka.Actor.Props.Create(() => new PeerProxy(proxyBufferLimit)), spec.Name);
            _peers.Add(spec.Name, new PeerSlot(spec, proxy));
        }

        Receive<StartPeer>(start => OnCurrent(start.Name, start.Generation, slot => Start(slot)));
        Receive<Started>(OnStarted);
        Receive<StartFailed>(OnStartFailed);
        Receive<ProcessExited>(exited => OnCurrent(exited.Name, exited.Generation, slot => OnProcessExited(slot, exited.ExitCode)));
        Receive<EnsureExited>(ensure => OnCurrent(ensure.Name, ensure.Generation, slot =>
        {
            if (slot.Child is { HasExited: false } child)
            {
                _log.Warning("peer {0} (pid {1}) lost its actor system but did not exit; killing it", slot.Spec.Name, child.ProcessId);
                child.Kill();
            }
        }));
        Receive<Terminated>(terminated => OnAkkaDeathNews(_peers.Values.FirstOrDefault(s => Equals(s.Target, terminated.ActorRef))));
        Receive<PeerProcessExited>(exited => OnAkkaDeathNews(_peers.Values.FirstOrDefault(s => Equals(s.Child?.Address, exited.Address))));
        Receive<GetPeer>(get => Sender.Tell(_peers.TryGetValue(get.Name, out var slot)
            ? new PeerStatus(slot.Spec.Name, slot.Proxy, slot.Child?.Address, slot.Child?.ProcessId, slot.Target is not null, slot.GaveUp)
            : new Status.Failure(new KeyNotFoundException($"no peer named {get.Name} under {Self.Path}"))));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of a supervisor for <paramref name="peers"/>.</summary>
    /// <param name="peers">The peers to start, each with a unique name.</param>
    /// <param name="strategy">How to restart; <see cref="SupervisionStrategy.Default"/> when null.</param>
    /// <param name="proxyBufferLimit">Messages each proxy holds while its peer is down.</param>
    public static Props Props(IEnumerable<PeerSpec> peers, SupervisionStrategy? strategy = null, int proxyBufferLimit = 10_000)
    {
        var list = peers.ToArray();
        var duplicate = list.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"peer name {duplicate.Key} is used twice");
        }

        return Akka.Actor.Props.Create(() => new ProcessSupervisor(list, strategy ?? SupervisionStrategy.Default, proxyBufferLimit));
    }

    /// <summary>Listens for death news and starts every peer.</summary>
    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(PeerProcessExited));
        foreach (var slot in _peers.Values)
        {
            Start(slot);
        }
    }

    /// <summary>Stops every peer (killing those that do not exit within the grace time).</summary>
    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        var stopping = _peers.Values.Where(s => s.Child is not null).Select(s => s.Child!.StopAsync(s_stopGrace)).ToArray();
        Task.WaitAll(stopping, s_stopGrace + TimeSpan.FromSeconds(2));
        foreach (var slot in _peers.Values.Where(s => s.Child is { HasExited: false }))
        {
            slot.Child!.Kill();
        }
    }

    private void OnCurrent(string name, int generation, Action<PeerSlot> act)
    {
        if (_peers.TryGetValue(name, out var slot) && slot.Generation == generation)
        {
            act(slot);
        }
    }

    private void Start(PeerSlot slot)
    {
        var generation = ++slot.Generation;
        var (name, spec, system, self) = (slot.Spec.Name, slot.Spec, Context.System, Self);
        slot.Child = null;
        slot.Target = null;
        slot.FirstDetection = null;
        slot.Stopping = false;
        slot.RestartWhenDown = false;
        StartAndResolveAsync(spec, system).PipeTo(
            self,
            success: started => new Started(name, generation, started.Child, started.Target),
            failure: error => new StartFailed(name, generation, FindStartException(error)?.Child, error));
    }

    private static async Task<(ChildActorSystem Child, IActorRef Target)> StartAndResolveAsync(PeerSpec spec, ActorSystem system)
    {
        var child = await ChildActorSystem.StartAsync(spec, system).ConfigureAwait(false);
        try
        {
            var path = spec.TargetPath.Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Aggregate((ActorPath)new RootActorPath(child.Address), (p, element) => p / element);
            var target = await system.ActorSelection(path).ResolveOne(spec.ReadyTimeout).ConfigureAwait(false);
            return (child, target);
        }
        catch (Exception e)
        {
            throw new PeerStartException($"{spec.Name} started but its target {spec.TargetPath} did not answer: {e.Message}", child, e);
        }
    }

    private void OnStarted(Started started)
    {
        if (!_peers.TryGetValue(started.Name, out var slot) || slot.Generation != started.Generation)
        {
            _ = started.Child.DisposeAsync().AsTask();
            return;
        }

        var (name, generation, self) = (started.Name, started.Generation, Self);
        slot.Child = started.Child;
        slot.Target = started.Target;
        Context.Watch(started.Target);
        started.Child.Exited.PipeTo(self, success: code => new ProcessExited(name, generation, code));
        slot.Proxy.Tell(new PeerProxy.PeerUp(started.Target));
        _log.Info("peer {0} runs at {1} (pid {2}, incarnation {3}, restarts in window {4})", name, started.Child.Address, started.Child.ProcessId, generation, slot.Restarts.Count);
        Publish(slot.Restarts.Count == 0 && generation == 1
            ? new PeerStarted(name, started.Child.Address, started.Child.ProcessId)
            : new PeerRestarted(name, started.Child.Address, started.Child.ProcessId, slot.Restarts.Count));
    }

    private void OnStartFailed(StartFailed failed)
    {
        if (!_peers.TryGetValue(failed.Name, out var slot) || slot.Generation != failed.Generation)
        {
            return;
        }

        var error = failed.Error is AggregateException aggregate ? aggregate.GetBaseException() : failed.Error;
        _log.Warning("peer {0} failed to start: {1}", failed.Name, error.Message);
        failed.Child?.Kill();
        slot.LastFailure = error.Message.Split(Environment.NewLine)[0];
        Publish(new PeerStartFailed(failed.Name, slot.Spec.Program, slot.LastFailure, (error as ChildExitedBeforeReadyException)?.ExitCode));
        ScheduleRestart(slot);
    }

    private void OnAkkaDeathNews(PeerSlot? slot)
    {
        if (slot?.Child is null || slot.FirstDetection is not null)
        {
            return;
        }

        // The process's exit follows and brings the exit code: at once after a crash, a moment later
        // after a clean shutdown. A process whose actor system is gone but which hangs on is ended
        // after a grace period, so that its exit comes all the same.
        slot.FirstDetection = DeathDetection.Akka;
        slot.Proxy.Tell(new PeerProxy.PeerDown());
        Timers.StartSingleTimer($"{slot.Spec.Name}-exit", new EnsureExited(slot.Spec.Name, slot.Generation), s_exitGrace);
    }

    private void OnProcessExited(PeerSlot slot, int exitCode)
    {
        var child = slot.Child!;
        if (slot.Target is not null)
        {
            Context.Unwatch(slot.Target);
        }

        slot.Proxy.Tell(new PeerProxy.PeerDown());
        var detectedBy = slot.FirstDetection ?? DeathDetection.ProcessExit;
        var crashed = exitCode != 0 && !slot.Stopping && !slot.RestartWhenDown;
        if (crashed)
        {
            var signal = exitCode > 128 ? exitCode - 128 : (int?)null;
            var detectedAfter = child.ExitTime is { } exitTime ? DateTime.Now - exitTime : (TimeSpan?)null;
            slot.LastFailure = signal is null ? $"exit code {exitCode}" : $"signal {signal}";
            _log.Warning("peer {0} (pid {1}) crashed: {2}", slot.Spec.Name, child.ProcessId, slot.LastFailure);
            Publish(new PeerCrashed(slot.Spec.Name, child.ProcessId, signal is null ? exitCode : null, signal, detectedBy, detectedAfter));
        }

        if (slot.RestartWhenDown || (crashed && !slot.Stopping) || (_strategy.Policy == RestartPolicy.Always && !slot.Stopping))
        {
            if (crashed && _strategy.Scope == RestartScope.AllForOne)
            {
                RestartSiblingsOf(slot);
            }

            ScheduleRestart(slot);
        }
        else
        {
            Publish(new PeerStopped(slot.Spec.Name, exitCode));
        }

        // Late news of this incarnation (Akka's, after the exit) must find nothing to act on.
        slot.Child = null;
        slot.Target = null;
        _ = child.DisposeAsync().AsTask();
    }

    private void RestartSiblingsOf(PeerSlot crashed)
    {
        foreach (var sibling in _peers.Values.Where(s => s != crashed && s.Child is { HasExited: false } && !s.GaveUp))
        {
            _log.Info("all-for-one: restarting {0} because {1} crashed", sibling.Spec.Name, crashed.Spec.Name);
            sibling.RestartWhenDown = true;
            sibling.Child!.Kill();
        }
    }

    private void ScheduleRestart(PeerSlot slot)
    {
        var now = DateTime.UtcNow;
        slot.Restarts.RemoveAll(at => now - at > _strategy.Within);
        if (slot.Restarts.Count >= _strategy.MaxRestarts)
        {
            slot.GaveUp = true;
            _log.Error("peer {0} failed {1} times within {2}; giving up (last: {3})", slot.Spec.Name, slot.Restarts.Count + 1, _strategy.Within, slot.LastFailure);
            var gaveUp = new PeerGaveUp(slot.Spec.Name, slot.Restarts.Count, _strategy.Within, slot.LastFailure);
            Publish(gaveUp);

            // Escalate: the supervisor's own parent decides what a lost peer means.
            Context.Parent.Tell(gaveUp);
            return;
        }

        var delay = _strategy.Backoff(slot.Restarts.Count);
        slot.Restarts.Add(now);
        Timers.StartSingleTimer(slot.Spec.Name, new StartPeer(slot.Spec.Name, slot.Generation), delay);
    }

    private static PeerStartException? FindStartException(Exception? error) => error switch
    {
        null => null,
        PeerStartException start => start,
        AggregateException aggregate => aggregate.InnerExceptions.Select(FindStartException).FirstOrDefault(e => e is not null),
        _ => FindStartException(error.InnerException),
    };

    private void Publish(PeerEvent peerEvent)
    {
        SupervisionMetrics.Record(peerEvent, Context.System.Name);
        Context.System.EventStream.Publish(peerEvent);
    }

    /// <summary>The process started but its target never answered; carries the process so it is not left running.</summary>
    private sealed class PeerStartException(string message, ChildActorSystem child, Exception inner) : Exception(message, inner)
    {
        public ChildActorSystem Child { get; } = child;
    }
}
