using Actors.Remote.Streams;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Actors.Remote.Tests.Streams;

/// <summary>
/// The pause between failed accepts: whatever the pause it starts from, the sequence grows, never leaves
/// 10 ms to 1 s, and reaches 1 s within eight failures, so a listener that recovers accepts within a second.
/// </summary>
public sealed class BackoffAcceptorDelaySpec
{
    [Property(MaxTest = 200)]
    public Property Pauses_grow_stay_within_bounds_and_reach_the_maximum_within_eight_failures() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>().Filter(ms => ms >= 0).Generator.ToArbitrary(), startMs =>
        {
            var delay = TimeSpan.FromMilliseconds(startMs);
            var previous = TimeSpan.Zero;
            for (var failure = 0; failure < 8; failure++)
            {
                delay = BackoffAcceptor.NextDelay(delay);
                Assert.InRange(delay, BackoffAcceptor.MinimumDelay, BackoffAcceptor.MaximumDelay);
                Assert.True(failure == 0 || delay >= previous, $"the pause shrank: {previous} then {delay}");
                previous = delay;
            }

            Assert.Equal(BackoffAcceptor.MaximumDelay, delay);
        });
}
