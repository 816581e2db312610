using System.Collections.Immutable;
using System.Runtime.Serialization;
using Actors.Serialization.Hyperion.Tests.Messages.Allowed;
using Actors.Serialization.Hyperion.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Serialization.Hyperion.Tests;

/// <summary>
/// Round trips through the serializer Akka picks for each message under the snippet's binding (no allow-list).
/// </summary>
public sealed class HyperionSerializerRoundTripSpec(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(TestConfigs.Local(), nameof(HyperionSerializerRoundTripSpec), output)
{
    [Fact]
    public void RecordWithNestedRecordAndCollections_RoundTrip_PreservesEveryValue()
    {
        var order = new Order(
            Guid.NewGuid(),
            new Customer("Ada", 3),
            [new OrderLine("A-1", 2), new OrderLine("B-2", 5)],
            new Dictionary<string, decimal> { ["A-1"] = 9.99m, ["B-2"] = 0.000001m },
            ImmutableList.Create("rush", "gift"),
            [1, 2, 3],
            [new OrderLine("C-3", 1)],
            new DateTimeOffset(2024, 2, 29, 23, 59, 58, TimeSpan.FromHours(5.5)),
            79228162514264337593543950335m);

        var back = RoundTrip(order);

        Assert.Equal(order.Id, back.Id);
        Assert.Equal(order.Customer, back.Customer);
        Assert.Equal(order.Lines, back.Lines);
        Assert.Equal(order.Prices, back.Prices);
        Assert.Equal(order.Tags, back.Tags);
        Assert.Equal(order.Quantities, back.Quantities);
        Assert.Equal(order.Returns, back.Returns);
        Assert.Equal(order.PlacedAt, back.PlacedAt);
        Assert.Equal(order.PlacedAt.Offset, back.PlacedAt.Offset);
        Assert.Equal(order.Total, back.Total);
    }

    [Fact]
    public void ClassWithReadonlyFieldsAndNoDefaultConstructor_RoundTrip_PreservesFields()
    {
        var back = RoundTrip(new Point(-7, "origin"));

        Assert.Equal(-7, back.X);
        Assert.Equal("origin", back.Label);
    }

    [Fact]
    public void NestedType_RoundTrip_PreservesValue()
    {
        var back = RoundTrip(new Letter.Body("hello", 4));

        Assert.Equal("hello", back.Text);
        Assert.Equal(4, back.Priority);
    }

    [Fact]
    public async Task MessageWithActorRef_RoundTrip_ResolvesToAWorkingRef()
    {
        var probe = CreateTestProbe();

        var back = RoundTrip(new WithActorRef("reply here", probe.Ref));

        Assert.Equal(probe.Ref.Path, back.ReplyTo.Path);
        back.ReplyTo.Tell("pong");
        await probe.ExpectMsgAsync("pong", TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void CyclicGraph_RoundTripWithPreservedReferences_KeepsTheCycle()
    {
        var first = new Node("first");
        var second = new Node("second") { Next = first };
        first.Next = second;

        var back = RoundTrip(first);

        Assert.Equal("first", back.Name);
        Assert.Equal("second", back.Next!.Name);
        Assert.Same(back, back.Next.Next);
    }

    [Fact]
    public void ToBinary_CalledTwice_ReturnsFreshArraysThatLaterCallsDoNotTouch()
    {
        var serializer = Sys.Serialization.FindSerializerFor(new Ping(1));

        var first = serializer.ToBinary(new Ping(1));
        var copy = first.ToArray();
        var second = serializer.ToBinary(new Letter.Body(new string('x', 10_000), 2));

        Assert.NotSame(first, second);
        Assert.Equal(copy, first);
        Assert.Equal(new Ping(1), serializer.FromBinary(first, typeof(Ping)));
    }

    [Fact]
    public async Task ToBinary_FromManyThreads_EveryResultReadsBackToItsOwnMessage()
    {
        var serializer = Sys.Serialization.FindSerializerFor(new Ping(0));

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
        {
            var message = new Order(Guid.NewGuid(), new Customer($"c{i}", i), [new OrderLine($"s{i}", i)], [], [], [i], [], DateTimeOffset.UnixEpoch, i);
            return (message, bytes: serializer.ToBinary(message));
        }))).WaitAsync(TimeSpan.FromSeconds(10));

        foreach (var (message, bytes) in results)
        {
            var back = (Order)serializer.FromBinary(bytes, typeof(Order));
            Assert.Equal(message.Id, back.Id);
            Assert.Equal(message.Customer, back.Customer);
        }
    }

    [Fact]
    public void FromBinary_TruncatedPayload_ThrowsSerializationExceptionSayingWhatFailed()
    {
        var serializer = Sys.Serialization.FindSerializerFor(new Ping(1));
        var bytes = serializer.ToBinary(new Customer("Ada", 1));

        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes[..^3], typeof(object)));

        Assert.Contains("Hyperion could not deserialize", error.Message);
        Assert.Contains($"{bytes.Length - 3}-byte payload", error.Message);
    }

    [Fact]
    public void FromBinary_EmptyPayload_ThrowsSerializationException()
    {
        var serializer = Sys.Serialization.FindSerializerFor(new Ping(1));

        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary([], typeof(object)));

        Assert.Contains("0-byte payload", error.Message);
    }

    [Fact]
    public void FromBinary_PayloadOfNull_ThrowsSerializationException()
    {
        var serializer = Sys.Serialization.FindSerializerFor(new Ping(1));

        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary([0], typeof(object)));

        Assert.Contains("null", error.Message);
    }

    [Fact]
    public void PreservedReferences_EqualRecords_ComeBackAsOneInstance()
    {
        // Hyperion matches objects with Equals, not by identity: equal records are written once.
        var back = RoundTrip(new Box(new[] { new Customer("Ada", 1), new Customer("Ada", 1) }));

        var customers = Assert.IsType<Customer[]>(back.Content);
        Assert.Same(customers[0], customers[1]);
    }

    [Fact]
    public void VersionToleranceOnPreserveOff_RoundTrip_WorksAndWritesFieldNames()
    {
        var system = (ExtendedActorSystem)Sys;
        var tolerant = new HyperionSerializer(
            system, HyperionSerializerSettings.Default with { VersionTolerance = true, PreserveObjectReferences = false });
        var strict = new HyperionSerializer(system, HyperionSerializerSettings.Default);
        var message = new Box(new[] { new Customer("Ada", 1), new Customer("Ada", 1) });

        var bytes = tolerant.ToBinary(message);
        var back = (Box)tolerant.FromBinary(bytes, typeof(Box));

        var customers = Assert.IsType<Customer[]>(back.Content);
        Assert.Equal(message.Content, customers);
        Assert.NotSame(customers[0], customers[1]);
        Assert.True(bytes.Length > strict.ToBinary(message).Length, "version tolerance should add field names");
    }

    private T RoundTrip<T>(T message)
        where T : notnull
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        var hyperion = Assert.IsType<HyperionSerializer>(serializer);
        Assert.Equal(HyperionSerializerConfig.SerializerIdentifier, hyperion.Identifier);

        var bytes = serializer.ToBinary(message);

        return Assert.IsType<T>(serializer.FromBinary(bytes, typeof(T)));
    }
}
