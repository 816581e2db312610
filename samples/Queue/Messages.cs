using Akka.Actor;

namespace Queue;

/// <summary>What the producer queues: message number <paramref name="Id"/>, which is also its place in the queue.</summary>
public sealed record Order(long Id);

/// <summary>The parent asks a producer incarnation to send what is left; the reply is a <see cref="ProducerReport"/>.</summary>
public sealed record Begin;

/// <summary>The producer found <paramref name="StoredBefore"/> messages in its queue at start and has stored <paramref name="Stored"/> now.</summary>
public sealed record ProducerReport(IActorRef Controller, long StoredBefore, long Stored);

/// <summary>The parent tells a consumer incarnation where the producer's controller is and where delivered orders go.</summary>
public sealed record Consume(IActorRef ProducerController, IActorRef Collector);

/// <summary>A consumer hands an order on; the collector answers <see cref="Recorded"/>.</summary>
public sealed record Delivered(long Id);

/// <summary>The collector has the order; the consumer may confirm it.</summary>
public sealed record Recorded;
