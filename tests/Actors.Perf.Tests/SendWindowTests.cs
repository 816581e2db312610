using Actors.Perf.Measurement;

namespace Actors.Perf.Tests;

/// <summary>The throughput rule every contender follows: a bounded window, sparse acknowledgements, a last message that is always acknowledged.</summary>
public sealed class SendWindowTests
{
    [Fact]
    public void Never_more_than_the_window_in_flight_and_every_quarter_window_asks_for_an_ack()
    {
        var window = new SendWindow(8, Budget.ForMessages(20));
        var asked = new List<long>();
        while (window.CanSend)
        {
            var (seq, ackRequested) = window.Next(TimeSpan.Zero);
            if (ackRequested)
            {
                asked.Add(seq);
            }
        }

        Assert.Equal(8, window.Sent);
        Assert.Equal([1L, 3, 5, 7], asked);

        window.OnAck(3);
        Assert.True(window.CanSend);
        Assert.Equal(4, window.Acked);
    }

    [Fact]
    public void The_last_message_of_the_budget_asks_for_an_ack_and_ends_the_run_once_acknowledged()
    {
        var window = new SendWindow(1000, Budget.ForMessages(10));
        (long Seq, bool AckRequested) last = default;
        while (window.CanSend)
        {
            last = window.Next(TimeSpan.Zero);
        }

        Assert.Equal((9L, true), last);
        Assert.False(window.IsDone);
        window.OnAck(9);
        Assert.True(window.IsDone);
        Assert.Equal(10, window.Sent);
    }

    [Fact]
    public void A_timed_budget_ends_with_the_first_message_sent_after_the_deadline()
    {
        var window = new SendWindow(1000, Budget.ForTime(TimeSpan.FromSeconds(1)));
        Assert.False(window.Next(TimeSpan.FromMilliseconds(999)).AckRequested);
        Assert.True(window.Next(TimeSpan.FromSeconds(1)).AckRequested);
        Assert.False(window.CanSend);
    }

    [Theory]
    [InlineData(16, 1, 1000)]
    [InlineData(1024, 4, 256)]
    [InlineData(64 * 1024, 1, 16)]
    [InlineData(64 * 1024, 4, 8)]
    public void Windows_hold_about_a_mebibyte_of_payload_across_pairs(int payloadBytes, int pairs, int expected) =>
        Assert.Equal(expected, SendWindow.For(payloadBytes, pairs));

    [Fact]
    public void A_bulk_window_acknowledges_every_message_and_is_done_once_closed_and_drained()
    {
        var window = SendWindow.ForBulk();
        while (window.CanSend)
        {
            Assert.True(window.Next(TimeSpan.Zero).AckRequested);
        }

        Assert.Equal(SendWindow.BulkWindow, window.Sent);
        window.Close();
        Assert.False(window.IsDone);
        window.OnAck(window.Sent - 1);
        Assert.True(window.IsDone);
        Assert.False(window.CanSend);
    }

    [Fact]
    public void A_window_that_does_not_acknowledge_every_message_cannot_be_closed_early()
    {
        var window = new SendWindow(8, Budget.ForMessages(20));
        var error = Assert.Throws<InvalidOperationException>(window.Close);
        Assert.Contains("window=8, ack-every=2", error.Message);
    }
}
