using Actors.Serialization.Hyperion.Tests.Messages.Allowed;
using Actors.Serialization.Hyperion.Tests.Messages.Unlisted;
using Actors.Serialization.Hyperion.TypeFiltering;
using Akka.Actor;

namespace Actors.Serialization.Hyperion.Tests;

/// <summary>
/// The allow-list on the strings Hyperion really passes: reading, <c>Name, Assembly</c> with the core library written
/// <c>System.Private.CoreLib,%core%</c>; writing, <see cref="Type.AssemblyQualifiedName"/> with versions.
/// </summary>
public sealed class AllowListTypeFilterTests
{
    private const string Core = "System.Private.CoreLib,%core%";

    private readonly AllowListTypeFilter _filter = new(["MyApp.Messages.", "MyApp.Ping", "MyApp.Outer+Inner"]);

    [Theory]
    [InlineData("MyApp.Messages.Order, MyApp")]
    [InlineData("MyApp.Messages.Deep.Order, MyApp")]
    [InlineData("MyApp.Messages.Order+Line, MyApp")]
    [InlineData("MyApp.Ping, MyApp")]
    [InlineData("MyApp.Ping+Nested, MyApp")]
    [InlineData("MyApp.Ping`1[[MyApp.Messages.Order, MyApp]], MyApp")]
    [InlineData("MyApp.Outer+Inner, MyApp")]
    [InlineData("MyApp.Ping, MyApp, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null")]
    [InlineData("MyApp.Ping")]
    public void Check_ListedName_IsAllowed(string name) => Assert.True(_filter.Check(name).IsAllowed, name);

    [Theory]
    [InlineData("MyApp.PingPong, MyApp")]
    [InlineData("MyApp.Messages, MyApp")]
    [InlineData("MyApp.Outer, MyApp")]
    [InlineData("MyApp.Outer+Innermost, MyApp")]
    [InlineData("Other.Ping, MyApp")]
    [InlineData("System.IO.DirectoryInfo, " + Core)]
    [InlineData("System.Diagnostics.Process, System.Diagnostics.Process")]
    [InlineData("System.Func`1[[System.String, " + Core + "]], " + Core)]
    [InlineData("Akka.Actor.Props+PropsSurrogate, Akka")]
    public void Check_UnlistedName_IsRefused(string name) => Assert.False(_filter.Check(name).IsAllowed, name);

    [Theory]
    [InlineData("System.Int32, " + Core)]
    [InlineData("System.String, " + Core)]
    [InlineData("System.Decimal, " + Core)]
    [InlineData("System.DateTimeOffset, " + Core)]
    [InlineData("System.TimeSpan, " + Core)]
    [InlineData("System.Guid, " + Core)]
    [InlineData("System.Object[], " + Core)]
    [InlineData("System.Collections.DictionaryEntry, " + Core)]
    [InlineData("System.Nullable`1[[System.Int32, " + Core + "]], " + Core)]
    [InlineData("System.Collections.Generic.List`1[[MyApp.Messages.Order, MyApp]], " + Core)]
    [InlineData("System.Collections.Generic.Dictionary`2[[System.String, " + Core + "],[MyApp.Ping, MyApp]], " + Core)]
    [InlineData("System.Collections.Generic.SortedDictionary`2[[System.String, " + Core + "],[System.Int32, " + Core + "]], System.Collections")]
    [InlineData("System.Collections.Immutable.ImmutableList`1[[System.String, " + Core + "]], System.Collections.Immutable")]
    [InlineData("MyApp.Messages.Order[], MyApp")]
    [InlineData("MyApp.Messages.Order[,], MyApp")]
    [InlineData("MyApp.Messages.Order[][], MyApp")]
    [InlineData("System.Collections.Generic.List`1[[MyApp.Ping, MyApp]][], " + Core)]
    [InlineData("System.Collections.Generic.List`1[MyApp.Ping], " + Core)]
    [InlineData("Akka.Actor.ActorRefBase+Surrogate, Akka")]
    [InlineData("Akka.Actor.ActorPath+Surrogate, Akka")]
    [InlineData("Akka.Actor.Nobody+NobodySurrogate, Akka")]
    public void Check_BuiltInSafeTypeOrCollectionOfAllowedTypes_IsAllowed(string name) =>
        Assert.True(_filter.Check(name).IsAllowed, name);

    [Theory]
    [InlineData("System.Collections.Generic.List`1[[Evil.Gadget, Evil]], " + Core, "Evil.Gadget")]
    [InlineData("System.Collections.Generic.Dictionary`2[[System.String, " + Core + "],[Evil.Gadget, Evil]], " + Core, "Evil.Gadget")]
    [InlineData("System.Collections.Generic.List`1[Evil.Gadget], " + Core, "Evil.Gadget")]
    [InlineData("MyApp.Ping`1[[System.Collections.Generic.List`1[[Evil.Gadget, Evil]], " + Core + "]], MyApp", "Evil.Gadget")]
    [InlineData("Evil.Gadget[], Evil", "Evil.Gadget")]
    [InlineData("System.String, Evil", "System.String")]
    [InlineData("System.Collections.Generic.Fake, Evil", "System.Collections.Generic.Fake")]
    [InlineData("Akka.Actor.ActorPath+Surrogate, NotAkka", "Akka.Actor.ActorPath+Surrogate")]
    public void Check_AllowedShapeAroundRefusedPart_IsRefusedAndNamesThePart(string name, string refusedPart)
    {
        var verdict = _filter.Check(name);

        Assert.False(verdict.IsAllowed);
        Assert.Contains($"'{refusedPart}'", verdict.Describe());
    }

    [Theory]
    [InlineData("")]
    [InlineData("MyApp.Ping\\, MyApp")]
    [InlineData("MyApp.Ping&, MyApp")]
    [InlineData("MyApp.Ping*, MyApp")]
    [InlineData("MyApp.Ping, MyApp]")]
    [InlineData("MyApp.Ping[[MyApp.Ping, MyApp], MyApp")]
    [InlineData("MyApp.Ping[x, MyApp")]
    [InlineData("MyApp.Ping[][[MyApp.Ping, MyApp]], MyApp")]
    [InlineData("MyApp.Ping, MyApp[x]")]
    [InlineData("My App.Ping, MyApp")]
    public void Check_NameTheParserDoesNotFullyUnderstand_IsRefused(string name) =>
        Assert.False(_filter.Check(name).IsAllowed, name);

    [Fact]
    public void Check_RealTypesOfThisProcess_MatchTheirNames()
    {
        var filter = new AllowListTypeFilter(["Actors.Serialization.Hyperion.Tests.Messages.Allowed."]);

        Assert.True(filter.Check(typeof(Dictionary<string, List<Order>>)).IsAllowed);
        Assert.True(filter.Check(typeof(Letter.Body[])).IsAllowed);
        Assert.True(filter.Check(typeof(ActorPath.Surrogate)).IsAllowed);
        Assert.False(filter.Check(typeof(List<Secret>)).IsAllowed);
        Assert.False(filter.Check(typeof(DirectoryInfo)).IsAllowed);
    }

    [Fact]
    public void Describe_RefusedType_NamesTheTypeAndTheSetting()
    {
        var verdict = _filter.Check("Other.Secret, Other");

        Assert.Equal(
            "Type 'Other.Secret' is not allowed by akka.actor.serialization-settings.hyperion.allowed-types",
            verdict.Describe());
    }
}
