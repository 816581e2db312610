using Akka.Actor;

namespace Actors.Supervision;

/// <summary>What a <see cref="ProcessSupervisor"/> knows of one peer; touched only inside the supervisor actor.</summary>
internal sealed class PeerSlot(PeerSpec spec, IActorRef proxy)
{
    public PeerSpec Spec { get; } = spec;

    /// <summary>The peer's handle; it outlives every incarnation.</summary>
    public IActorRef Proxy { get; } = proxy;

    /// <summary>Counts incarnations; news about an older one is ignored.</summary>
    public int Generation { get; set; }

    /// <summary>The running incarnation's process, once started.</summary>
    public ChildActorSystem? Child { get; set; }

    /// <summary>The target actor of the running incarnation, watched by the supervisor.</summary>
    public IActorRef? Target { get; set; }

    /// <summary>Which news of the current incarnation's death came first, once any did.</summary>
    public DeathDetection? FirstDetection { get; set; }

    /// <summary>The supervisor stops this incarnation on purpose: its exit is no crash.</summary>
    public bool Stopping { get; set; }

    /// <summary>A sibling crashed under all-for-one: restart once this incarnation is down.</summary>
    public bool RestartWhenDown { get; set; }

    /// <summary>No more restarts: the strategy's limit was reached.</summary>
    public bool GaveUp { get; set; }

    /// <summary>When each restart within the window happened.</summary>
    public List<DateTime> Restarts { get; } = [];

    /// <summary>The last failure, for the give-up event.</summary>
    public string LastFailure { get; set; } = "";
}
