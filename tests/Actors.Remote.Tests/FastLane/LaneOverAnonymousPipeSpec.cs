using Actors.Remote.Tests.Support;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>
/// The lane over the parent-child pipe pair (a channel of its own on the link, beside the association's): the two
/// systems of this process are linked as a parent and its child.
/// </summary>
public sealed class LaneOverAnonymousPipeSpec : LaneSpec
{
    private readonly InProcessPipeLinks _links = new();

    public LaneOverAnonymousPipeSpec(ITestOutputHelper output) : base(output, OnTheStream(ShippedConfig.Load("apipe.conf"))) =>
        _links.Connect(Sys, Remote);

    protected override void AfterAll()
    {
        base.AfterAll();
        _links.Dispose();
    }
}
