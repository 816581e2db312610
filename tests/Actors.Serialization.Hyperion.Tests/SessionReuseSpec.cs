using System.Runtime.Serialization;
using Actors.Serialization.Hyperion.Tests.Messages.Allowed;
using Actors.Serialization.Hyperion.Tests.Messages.Unlisted;
using Actors.Serialization.Hyperion.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Serialization.Hyperion.Tests;

/// <summary>
/// The serializer reuses Hyperion's per-message sessions: whatever one message left in a session (objects, types written
/// in full, a failure half-way), the next message's bytes are those of a fresh session, and any other serializer reads them.
/// </summary>
public sealed class SessionReuseSpec(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(TestConfigs.Local(TestConfigs.AllowedNamespace), nameof(SessionReuseSpec), output)
{
    [Fact]
    public void Sessions_of_the_pinned_Hyperion_are_reused()
    {
        // False would mean Hyperion's session fields changed: still correct, but a session per message again.
        Assert.True(SessionState.IsSupported);
    }

    [Fact]
    public void A_message_is_written_the_same_before_and_after_other_messages_of_other_types()
    {
        var writer = NewSerializer();
        var message = new Box(new Customer("Ada", 3));

        var first = writer.ToBinary(message);
        foreach (var other in MixedMessages())
        {
            writer.ToBinary(other);
        }

        // A session that still knew Box and Customer would write them as short indexes that a fresh reader cannot follow.
        Assert.Equal(first, writer.ToBinary(message));
        Assert.Equal(first, NewSerializer().ToBinary(message));
    }

    [Fact]
    public void Messages_of_mixed_types_written_by_one_serializer_are_read_by_another_in_reverse_order()
    {
        var writer = NewSerializer();
        var reader = NewSerializer();
        var messages = MixedMessages().Concat(MixedMessages()).ToList();
        var written = messages.Select(writer.ToBinary).ToList();

        for (var i = messages.Count - 1; i >= 0; i--)
        {
            AssertSameMessage(messages[i], reader.FromBinary(written[i], typeof(object)));
        }
    }

    [Fact]
    public void A_failure_half_way_through_a_message_leaves_nothing_behind_for_the_next_one()
    {
        var serializer = NewSerializer();
        var good = new Box(new Customer("Ada", 3));
        var expected = NewSerializer().ToBinary(good);

        // Refused while writing the content, after Box was written into the session.
        Assert.Throws<SerializationException>(() => serializer.ToBinary(new Box(new Secret("no"))));
        Assert.Equal(expected, serializer.ToBinary(good));

        // Refused while reading, half-way through a payload cut short.
        var whole = serializer.ToBinary(new Order(Guid.NewGuid(), new Customer("Bo", 1), [], [], [], [], [], DateTimeOffset.UnixEpoch, 1m));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(whole[..(whole.Length / 2)], typeof(object)));
        Assert.Equal(good, serializer.FromBinary(expected, typeof(object)));
    }

    [Fact]
    public void A_session_that_grew_for_a_big_message_is_not_kept()
    {
        var big = new Customer(new string('x', 1024 * 1024), 1);
        var hyperion = new global::Hyperion.Serializer();
        var writing = hyperion.GetSerializerSession();
        var reading = hyperion.GetDeserializerSession();
        using var stream = new MemoryStream();

        hyperion.Serialize(big, stream, writing);
        stream.Position = 0;
        Assert.Equal(big, hyperion.Deserialize<Customer>(stream, reading));

        // A megabyte of scratch buffer would otherwise stay in the pool with each of these sessions.
        Assert.False(SessionState.TryReset(writing));
        Assert.False(SessionState.TryReset(reading));
        Assert.True(SessionState.TryReset(hyperion.GetSerializerSession()));
        Assert.True(SessionState.TryReset(hyperion.GetDeserializerSession()));
    }

    [Fact]
    public void Threads_sharing_one_serializer_each_get_their_own_messages_back()
    {
        var serializer = NewSerializer();
        var failures = 0;

        Parallel.For(0, 4, thread =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                var message = new Box(new Customer($"thread-{thread}", i));
                if (!message.Equals(serializer.FromBinary(serializer.ToBinary(message), typeof(object))))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });

        Assert.Equal(0, failures);
    }

    private static IEnumerable<object> MixedMessages()
    {
        var first = new Node("first");
        first.Next = new Node("second") { Next = first };
        yield return first;
        yield return new Customer("Ada", 3);
        yield return new Box(new Box(new Customer("Bo", 2)));
        yield return new Letter.Body("hello", 4);
        yield return new Order(
            Guid.NewGuid(), new Customer("Cy", 5), [new OrderLine("A-1", 2)], new Dictionary<string, decimal> { ["A-1"] = 1.5m },
            [], [1, 2], [], DateTimeOffset.UnixEpoch, 3m);
        var shared = new Customer("Di", 7);
        yield return new Box(new[] { shared, shared });
    }

    private static void AssertSameMessage(object expected, object actual)
    {
        switch (expected)
        {
            case Node node:
                var back = Assert.IsType<Node>(actual);
                Assert.Equal(node.Name, back.Name);
                Assert.Same(back, back.Next!.Next);
                break;
            case Letter.Body body:
                var letter = Assert.IsType<Letter.Body>(actual);
                Assert.Equal((body.Text, body.Priority), (letter.Text, letter.Priority));
                break;
            case Order order:
                var copy = Assert.IsType<Order>(actual);
                Assert.Equal((order.Id, order.Customer, order.Total), (copy.Id, copy.Customer, copy.Total));
                Assert.Equal(order.Lines, copy.Lines);
                break;
            case Box { Content: Customer[] customers }:
                var array = Assert.IsType<Customer[]>(Assert.IsType<Box>(actual).Content);
                Assert.Equal(customers, array);
                // One object written twice comes back as one object: the reader's object table was fresh.
                Assert.Same(array[0], array[1]);
                break;
            default:
                Assert.Equal(expected, actual);
                break;
        }
    }

    private HyperionSerializer NewSerializer() =>
        new((ExtendedActorSystem)Sys, HyperionSerializerSettings.FromConfig(Sys.Settings.Config.GetConfig(HyperionSerializerSettings.ConfigPath)));
}
