namespace Actors.Perf.Contenders.Raw;

/// <summary>
/// One operating-system mechanism the raw baselines move bytes over, with no actors and no Akka:
/// a class per mechanism (Unix socket, TCP, named pipe, FIFO, anonymous pipe; a shared-memory ring
/// plugs in the same way). The driver prepares the links before the partner process starts, the
/// partner opens its ends from one argument, then each side opens its ends after the partner is ready.
/// </summary>
public interface IRawMechanism
{
    /// <summary>Short name; the contender is called <c>raw-&lt;name&gt;</c>.</summary>
    string Name { get; }

    /// <summary>One line for the reader.</summary>
    string Description { get; }

    /// <summary>Null when it can run here; otherwise why not.</summary>
    string? SkipReason { get; }

    /// <summary>The driver's side: creates what <paramref name="links"/> links need before the partner starts.</summary>
    IRawRendezvous Prepare(int links);

    /// <summary>The partner's side: opens its ends of the links <paramref name="argument"/> describes.</summary>
    Task<IReadOnlyList<IRawLink>> OpenPartnerEndsAsync(string argument, CancellationToken cancellationToken);
}

/// <summary>What the driver made for one partner: the argument the partner gets, and the driver's ends.</summary>
public interface IRawRendezvous : IAsyncDisposable
{
    /// <summary>Passed to the partner as <c>--argument</c>.</summary>
    string PartnerArgument { get; }

    /// <summary>Runs at once after the partner process started (e.g. to close the driver's copies of inherited handles).</summary>
    void AfterPartnerStarted();

    /// <summary>Opens the driver's ends once the partner is ready, in the partner's order.</summary>
    Task<IReadOnlyList<IRawLink>> OpenDriverEndsAsync(CancellationToken cancellationToken);
}

/// <summary>A two-way link that carries whole frames.</summary>
public interface IRawLink : IAsyncDisposable
{
    /// <summary>Queues one frame; it may wait in a buffer until <see cref="FlushAsync"/>.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken);

    /// <summary>Sends everything queued.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken);

    /// <summary>Reads the next frame; its bytes stay valid until the next read. Empty at the end of the link.</summary>
    ValueTask<ReadOnlyMemory<byte>> ReadAsync(CancellationToken cancellationToken);
}
