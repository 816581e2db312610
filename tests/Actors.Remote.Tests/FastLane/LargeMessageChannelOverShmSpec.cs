using Akka.Configuration;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>The large-message channel as a second shared-memory ring.</summary>
public sealed class LargeMessageChannelOverShmSpec(ITestOutputHelper output) : LargeMessageChannelSpec(output, Config.Empty);
