namespace Actors.Delivery;

/// <summary>
/// The durable queue cannot keep messages where it was told to: its message is one line,
/// <c>what failed: path=..., reason</c>, and nothing was accepted.
/// </summary>
public sealed class DurableQueueException(string message, Exception? inner = null) : Exception(message, inner);
