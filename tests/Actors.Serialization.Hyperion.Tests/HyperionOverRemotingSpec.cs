using System.Runtime.Serialization;
using Actors.Serialization.Hyperion.Tests.Messages.Allowed;
using Actors.Serialization.Hyperion.Tests.Messages.Unlisted;
using Actors.Serialization.Hyperion.Tests.Support;
using Akka.Actor;
using Akka.Event;
using Akka.Remote;
using Akka.TestKit;
using Xunit.Abstractions;

namespace Actors.Serialization.Hyperion.Tests;

/// <summary>
/// Two systems in one process over Akka's DotNetty TCP (127.0.0.1, free ports), both with the snippet: the TestKit system
/// has no list, the other lists only <c>Messages.Allowed.</c> and hosts an <see cref="EchoActor"/>.
/// </summary>
public sealed class HyperionOverRemotingSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private readonly ActorSystem _listed;

    public HyperionOverRemotingSpec(ITestOutputHelper output)
        : base(TestConfigs.Remote(), "unlisted", output)
    {
        _listed = ActorSystem.Create("listed", TestConfigs.Remote(TestConfigs.AllowedNamespace));
        _listed.ActorOf(Props.Create(() => new EchoActor()), "echo");
    }

    [Fact]
    public async Task AllowedRecord_SentToListedSystem_ArrivesAndComesBack()
    {
        var echo = await ResolveEchoAsync();

        echo.Tell(new Ping(1), TestActor);

        await ExpectMsgAsync(new Ping(1), s_timeout);
    }

    [Fact]
    public async Task UnlistedRecord_SentToListedSystem_IsDroppedWithWarningNamingTheTypeAndAssociationSurvives()
    {
        var echo = await ResolveEchoAsync();
        echo.Tell(new Ping(1), TestActor);
        await ExpectMsgAsync(new Ping(1), s_timeout);
        var logs = Subscribe<Warning>(_listed);
        var associationEvents = SubscribeToAssociationEvents();

        echo.Tell(new Secret("refused on arrival"), TestActor);
        var warning = await FishForLogAsync(logs);
        echo.Tell(new Ping(2), TestActor);

        Assert.Contains("Deserialization failed", warning.Message.ToString());
        Assert.Contains($"Type '{typeof(Secret).FullName}' is not allowed by akka.actor.serialization-settings.hyperion.allowed-types", warning.Message.ToString());
        Assert.Contains(typeof(Secret).FullName!, warning.Cause.Message);
        // Order is kept on an association: had the Secret been delivered, its echo would come before this Ping.
        await ExpectMsgAsync(new Ping(2), s_timeout);
        Assert.False(associationEvents.HasMessages, "the association was dropped or failed");
    }

    [Fact]
    public async Task UnlistedRecord_SentByListedSystem_IsRefusedOnSendWithErrorNamingTheTypeAndAssociationSurvives()
    {
        var echo = await ResolveEchoAsync();
        echo.Tell(new Ping(1), TestActor);
        await ExpectMsgAsync(new Ping(1), s_timeout);
        var logs = Subscribe<Error>(_listed);
        var associationEvents = SubscribeToAssociationEvents();

        echo.Tell(new SendUnlistedThenPing(TestActor, 7), TestActor);
        var error = await FishForLogAsync(logs);

        Assert.Contains($"Serialization failed for message [{typeof(Secret).FullName}]", error.Message.ToString());
        Assert.Equal(
            $"Type '{typeof(Secret).FullName}' is not allowed by akka.actor.serialization-settings.hyperion.allowed-types",
            error.Cause.Message);
        await ExpectMsgAsync(new Ping(7), s_timeout);
        Assert.False(associationEvents.HasMessages, "the association was dropped or failed");
    }

    protected override void AfterAll()
    {
        Shutdown(_listed, s_timeout);
        base.AfterAll();
    }

    private async Task<IActorRef> ResolveEchoAsync()
    {
        var address = ((ExtendedActorSystem)_listed).Provider.DefaultAddress;
        return await Sys.ActorSelection(new RootActorPath(address) / "user" / "echo").ResolveOne(s_timeout);
    }

    private TestProbe Subscribe<TEvent>(ActorSystem system)
    {
        var probe = CreateTestProbe();
        system.EventStream.Subscribe(probe.Ref, typeof(TEvent));
        return probe;
    }

    private TestProbe SubscribeToAssociationEvents()
    {
        var probe = CreateTestProbe();
        foreach (var system in new[] { Sys, _listed })
        {
            system.EventStream.Subscribe(probe.Ref, typeof(DisassociatedEvent));
            system.EventStream.Subscribe(probe.Ref, typeof(AssociationErrorEvent));
        }

        return probe;
    }

    private static async Task<LogEvent> FishForLogAsync(TestProbe logs) =>
        (LogEvent)await logs.FishForMessageAsync(
            message => message is LogEvent { Cause: SerializationException },
            s_timeout);
}
