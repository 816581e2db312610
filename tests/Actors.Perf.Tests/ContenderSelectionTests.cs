using Actors.Perf.Cli;

namespace Actors.Perf.Tests;

/// <summary><c>--transports</c> takes a kind for every contender of it, so the peers' serializer variants run side by side.</summary>
public sealed class ContenderSelectionTests
{
    [Fact]
    public void The_proto_and_akka_kinds_select_each_peer_with_both_of_its_serializers()
    {
        var selected = ContenderSelection.Parse("proto,akka", out var error).Select(c => c.Info.Name);

        Assert.Null(error);
        Assert.Equal(["akka.tcp-hyperion", "akka.tcp-json", "proto-remote-hyperion", "proto-remote-protobuf"], selected);
    }

    [Fact]
    public void A_contender_is_selected_by_its_name_alone()
    {
        var selected = ContenderSelection.Parse("proto-remote-protobuf", out var error).Select(c => c.Info.Name);

        Assert.Null(error);
        Assert.Equal(["proto-remote-protobuf"], selected);
    }
}
