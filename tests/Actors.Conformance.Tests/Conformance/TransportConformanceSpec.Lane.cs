using Actors.Remote.Diagnostics;
using Actors.Remote.FastLane;
using Actors.Remote.Provider;
using Akka.Actor;

namespace Actors.Remote.Tests.Conformance;

/// <summary>The suite with the fast lane on: opening the lane before a case sends, and checking that its messages took it.</summary>
public abstract partial class TransportConformanceSpec
{
    /// <summary>
    /// Why a <see cref="LaneAwareCase.ClassicAssociation"/> case is skipped in the leaves with the lane on: a raw
    /// client's bytes reach the classic association's listener, which the lane leaves as it is.
    /// </summary>
    public const string ClassicAssociationOnly =
        "a raw client drives the classic association here, which the lane leaves as it is: the transport's own leaf runs this case";

    /// <summary>
    /// Why a <see cref="LaneAwareCase.ListenerFiles"/> case is skipped in the leaves whose lane keeps no file of its own:
    /// the files are the listener's, which the lane leaves as they are.
    /// </summary>
    public const string ListenerFilesOnly =
        "the lane keeps no file of its own over this link, and the listener's files are the transport's: its own leaf runs this case";

    /// <summary>How often a lane's state is looked at while waiting for it (the test kit's default is a tenth of the wait: 1 s).</summary>
    private static readonly TimeSpan LanePollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// The transport tag (uds, shm, atcp, ...) under which user messages to the other system travel by the fast
    /// lane; null where the leaf leaves the lane off.
    /// </summary>
    protected virtual string? LaneTransport => null;

    /// <summary>Resolves the other system's actor <paramref name="name"/>; with the lane on, also opens the lane to it.</summary>
    private async Task<IActorRef> ResolveAsync(string name)
    {
        var target = await Sys.ActorSelection(new RootActorPath(RemoteAddress) / "user" / name).ResolveOne(Timeout);
        if (LaneTransport is not null)
        {
            // The first Tell on a lane reference starts opening the lane; until it is open, messages go the classic way.
            var identities = CreateTestProbe();
            target.Tell(new Identify(name), identities.Ref);
            await AwaitConditionAsync(() => Task.FromResult(LaneTo(RemoteAddress).IsOpen), Timeout, LanePollInterval, $"the lane to {RemoteAddress} did not open");
            await identities.ExpectMsgAsync<ActorIdentity>(Timeout);

            // By the lane now: the other side reads it only once the lane's barrier has arrived there, so the lane
            // is open on both sides when the answer is back.
            target.Tell(new Identify(name), identities.Ref);
            await identities.ExpectMsgAsync<ActorIdentity>(Timeout);
        }

        return target;
    }

    /// <summary>How many messages the lane to the other system has carried; 0 with the lane off.</summary>
    private long LaneSentCount() => LaneTransport is null ? 0 : LaneTo(RemoteAddress).SentCount;

    /// <summary>
    /// With the lane on: at least <paramref name="atLeast"/> user messages since <paramref name="sentBefore"/> took the
    /// lane, and the lane is listed as open over <see cref="LaneTransport"/>. A lane that silently stayed closed fails here.
    /// </summary>
    private void AssertTookTheLane(long sentBefore, int atLeast)
    {
        if (LaneTransport is not { } transport)
        {
            return;
        }

        var carried = LaneTo(RemoteAddress).SentCount - sentBefore;
        Assert.True(carried >= atLeast, $"user messages did not take the lane: carried={carried}, expected at least={atLeast}");
        var lanes = LanesTo(RemoteAddress).ToArray();
        Assert.True(
            lanes.Any(a => a.Outbound && a.Transport == transport),
            $"no outbound lane over {transport} is listed: lanes=[{string.Join(", ", lanes.Select(a => $"{a.Transport} outbound={a.Outbound}"))}]");
    }

    private OutboundLane LaneTo(Address remote) =>
        (((ProcessAwareRemoteActorRefProvider)((ExtendedActorSystem)Sys).Provider).Remoting?.Hub
            ?? throw new InvalidOperationException($"the lane is off in {Sys.Name}, and this leaf expects it on")).LaneTo(remote);

    /// <summary>The lanes of this system to or from <paramref name="remote"/> that <see cref="ActorsRemoting.Associations"/> lists.</summary>
    private IEnumerable<AssociationInfo> LanesTo(Address remote) =>
        ActorsRemoting.Associations(Sys).Where(a => a.Path == MetricTags.Lane && a.Remote == remote);
}
