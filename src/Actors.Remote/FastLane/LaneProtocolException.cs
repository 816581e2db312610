namespace Actors.Remote.FastLane;

/// <summary>A peer sent bytes on a lane connection that are not lane frames: the connection is closed.</summary>
internal sealed class LaneProtocolException(string message) : IOException(message);
