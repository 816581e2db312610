using System.Reflection;
using Actors.Remote.Configuration;
using Akka.Actor;
using Akka.Configuration;

namespace Actors.Remote.Tests.Configuration;

public sealed class ConfigurationErrorsTests
{
    [Fact]
    public void TryFind_ErrorOfAFailedActorSystemStart_FindsTheConfigurationMistake()
    {
        // A real start with a bad transport setting: the mistake arrives wrapped, as a program sees it.
        var config = ConfigurationFactory.ParseString("""
            akka.actor.provider = remote
            akka.remote.enabled-transports = ["akka.remote.actors.uds"]
            akka.remote.actors.uds.maximum-frame-size = banana
            """).WithFallback(ReferenceConfig.Default);
        var error = Record.Exception(() => ActorSystem.Create("bad-setting", config).Terminate().Wait(TimeSpan.FromSeconds(10)));

        Assert.NotNull(error);
        Assert.IsNotType<ConfigurationException>(error);
        Assert.True(ConfigurationErrors.TryFind(error, out var mistake));
        Assert.StartsWith("akka.remote.actors.uds.maximum-frame-size = banana is not valid", mistake.Message);
    }

    [Fact]
    public void TryFind_MistakeInOneBranchOfNestedAggregates_FindsIt()
    {
        var mistake = new ConfigurationException("x = y is not valid");
        var error = new AggregateException(
            new InvalidOperationException("unrelated"),
            new AggregateException(new TargetInvocationException(mistake)));

        Assert.True(ConfigurationErrors.TryFind(error, out var found));
        Assert.Same(mistake, found);
    }

    [Fact]
    public void TryFind_ErrorWithoutAConfigurationMistake_ReturnsFalse()
    {
        Assert.False(ConfigurationErrors.TryFind(new AggregateException(new IOException("disk")), out var found));
        Assert.Null(found);
    }
}
