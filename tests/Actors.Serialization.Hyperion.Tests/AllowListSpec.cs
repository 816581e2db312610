using System.Collections.Immutable;
using System.Runtime.Serialization;
using Actors.Serialization.Hyperion.Tests.Messages.Allowed;
using Actors.Serialization.Hyperion.Tests.Messages.Unlisted;
using Actors.Serialization.Hyperion.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;
using AkkaSerializer = Akka.Serialization.Serializer;

namespace Actors.Serialization.Hyperion.Tests;

/// <summary>
/// The allow-list in a system whose list holds only <c>Messages.Allowed.</c>; the bytes a peer without the list would send
/// come from a second serializer of the same system built with the default settings.
/// </summary>
public sealed class AllowListSpec : Akka.TestKit.Xunit2.TestKit
{
    private const string SettingPath = "akka.actor.serialization-settings.hyperion.allowed-types";

    private readonly AkkaSerializer _listed;
    private readonly HyperionSerializer _unfiltered;

    public AllowListSpec(ITestOutputHelper output)
        : base(TestConfigs.Local(TestConfigs.AllowedNamespace), nameof(AllowListSpec), output)
    {
        _listed = Sys.Serialization.FindSerializerFor(new Ping(0));
        _unfiltered = new HyperionSerializer((ExtendedActorSystem)Sys, HyperionSerializerSettings.Default);
    }

    [Fact]
    public async Task ListedTypes_RoundTrip_Succeed()
    {
        var probe = CreateTestProbe();
        var order = new Order(Guid.NewGuid(), new Customer("Ada", 1), [new OrderLine("A", 1)],
            new Dictionary<string, decimal> { ["A"] = 1.5m }, ["x"], [1], [new OrderLine("B", 2)], DateTimeOffset.UnixEpoch, 2m);

        var backOrder = RoundTrip(order);
        var backRef = RoundTrip(new WithActorRef("hi", probe.Ref));
        var backBox = RoundTrip(new Box(ImmutableList.Create(new Ping(1), new Ping(2))));
        var backNote = RoundTrip(new Note("no attachment", null));

        Assert.Equal(order.Lines, backOrder.Lines);
        Assert.Equal(order.Prices, backOrder.Prices);
        Assert.Equal([new Ping(1), new Ping(2)], (ImmutableList<Ping>)backBox.Content!);
        Assert.Null(backNote.Attachment);
        backRef.ReplyTo.Tell("pong");
        await probe.ExpectMsgAsync("pong", TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void ToBinary_UnlistedType_ThrowsSerializationExceptionNamingTheTypeAndTheSetting()
    {
        var error = Assert.Throws<SerializationException>(() => _listed.ToBinary(new Secret("s")));

        Assert.Equal($"Type '{typeof(Secret).FullName}' is not allowed by {SettingPath}", error.Message);
    }

    [Theory]
    [MemberData(nameof(ListedMessagesCarryingUnlistedValues))]
    [MemberData(nameof(ListedMessagesCarryingUnsafeValues))]
    public void ToBinary_ListedTypeCarryingUnlistedValue_ThrowsSerializationExceptionNamingTheValue(object message, string refused)
    {
        var error = Assert.Throws<SerializationException>(() => _listed.ToBinary(message));

        Assert.Contains($"'{refused}'", error.Message);
        Assert.Contains(SettingPath, error.Message);
    }

    public static TheoryData<object, string> ListedMessagesCarryingUnlistedValues() => new()
    {
        { new Box(new Secret("s")), typeof(Secret).FullName! },
        { new Note("with attachment", new Secret("s")), typeof(Secret).FullName! },
        { new Box(new List<Secret> { new("s") }), typeof(Secret).FullName! },
        { new Box(new[] { new Secret("s") }), typeof(Secret).FullName! },
    };

    public static TheoryData<object, string> ListedMessagesCarryingUnsafeValues() => new()
    {
        { new Box(new DirectoryInfo(AppContext.BaseDirectory)), typeof(DirectoryInfo).FullName! },
    };

    [Fact]
    public void FromBinary_UnlistedTypeFromSenderWithoutList_IsRefusedBeforeTheTypeIsEverInitialized()
    {
        // Bytes of the harmless Cargo, renamed to a type this process has never touched. Hyperion creates objects
        // without running constructors, but creating one always runs the type's static constructor: that is the evidence.
        var bytes = HyperionPayloads.RenameType(_unfiltered.ToBinary(new Cargo(42)), typeof(Cargo), typeof(TrapRefused));

        var error = Assert.Throws<SerializationException>(() => _listed.FromBinary(bytes, typeof(object)));

        Assert.Equal($"Type '{typeof(TrapRefused).FullName}' is not allowed by {SettingPath}", error.Message);
        Assert.False(TrapEvidence.RefusedTypeInitialized, "the refused type was initialized, so an instance may have been created");
    }

    [Fact]
    public void FromBinary_SameCraftedBytesWithoutList_CreateTheTypeAndLeaveTheEvidence()
    {
        // Positive control for the test above: the same kind of bytes, read without a list, do create the type.
        var bytes = HyperionPayloads.RenameType(_unfiltered.ToBinary(new Cargo(42)), typeof(Cargo), typeof(TrapControl));
        Assert.False(TrapEvidence.ControlTypeInitialized);

        var created = _unfiltered.FromBinary(bytes, typeof(object));

        Assert.True(TrapEvidence.ControlTypeInitialized);
        Assert.Equal(42, Assert.IsType<TrapControl>(created).Value);
    }

    [Theory]
    [MemberData(nameof(ListedMessagesCarryingUnlistedValues))]
    public void FromBinary_ListedTypeCarryingUnlistedValueFromSenderWithoutList_IsRefusedNamingTheValue(object message, string refused)
    {
        var bytes = _unfiltered.ToBinary(message);

        var error = Assert.Throws<SerializationException>(() => _listed.FromBinary(bytes, typeof(object)));

        Assert.Contains($"'{refused}'", error.Message);
        Assert.Contains(SettingPath, error.Message);
    }

    [Fact]
    public void FromBinary_PayloadNamingDirectoryInfo_IsRefusedByTheList()
    {
        var bytes = PayloadNamingDirectoryInfo();

        var error = Assert.Throws<SerializationException>(() => _listed.FromBinary(bytes, typeof(object)));

        Assert.Equal($"Type 'System.IO.DirectoryInfo' is not allowed by {SettingPath}", error.Message);
    }

    /// <summary>Known deserialization gadgets, named in a payload as an attacker would: refused by name, never created.</summary>
    [Theory]
    [InlineData("System.Diagnostics.Process", "System.Diagnostics.Process")]
    [InlineData("System.IO.FileInfo", "System.Private.CoreLib,%core%")]
    [InlineData("System.Windows.Data.ObjectDataProvider", "PresentationFramework")]
    [InlineData("System.Configuration.Install.AssemblyInstaller", "System.Configuration.Install")]
    [InlineData("System.Management.Automation.PSObject", "System.Management.Automation")]
    public void FromBinary_PayloadNamingAGadgetType_IsRefusedByTheList(string typeName, string assembly)
    {
        var bytes = HyperionPayloads.RenameType(_unfiltered.ToBinary(new Cargo(1)), typeof(Cargo), $"{typeName}, {assembly}");

        var error = Assert.Throws<SerializationException>(() => _listed.FromBinary(bytes, typeof(object)));

        // Refused by the deny-list of unsafe types before the allow-list is even asked.
        Assert.StartsWith($"Type '{typeName}, ", error.Message);
        Assert.EndsWith("is refused by Hyperion's deny-list of unsafe types, which is always on", error.Message);
    }

    [Fact]
    public void FromBinary_PayloadNamingDirectoryInfoWithoutList_IsRefusedByHyperionsDenyList()
    {
        var bytes = PayloadNamingDirectoryInfo();

        var error = Assert.Throws<SerializationException>(() => _unfiltered.FromBinary(bytes, typeof(object)));

        Assert.Contains("'System.IO.DirectoryInfo, System.Private.CoreLib' is refused by Hyperion's deny-list", error.Message);
    }

    [Fact]
    public void ToBinary_DirectoryInfoWithoutList_IsWrittenAndOnlyTheReaderRefusesIt()
    {
        // Hyperion's deny-list names the base type FileSystemInfo; writing checks the message's own type name only,
        // so a DirectoryInfo is written. Reading resolves the type, checks its base types and refuses it.
        var bytes = _unfiltered.ToBinary(new DirectoryInfo(AppContext.BaseDirectory));

        Assert.Throws<SerializationException>(() => _unfiltered.FromBinary(bytes, typeof(object)));
    }

    // A Cargo's bytes renamed to DirectoryInfo, as a hostile peer would send them.
    private byte[] PayloadNamingDirectoryInfo() => HyperionPayloads.RenameType(
        _unfiltered.ToBinary(new Cargo(1)),
        typeof(Cargo),
        $"{typeof(DirectoryInfo).FullName}, {typeof(DirectoryInfo).Assembly.GetName().Name},%core%");

    private T RoundTrip<T>(T message)
        where T : notnull
    {
        Assert.Same(_listed, Sys.Serialization.FindSerializerFor(message));
        return Assert.IsType<T>(_listed.FromBinary(_listed.ToBinary(message), typeof(T)));
    }
}
