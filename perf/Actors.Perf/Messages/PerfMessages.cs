namespace Actors.Perf.Messages;

// One set of message types for every actor contender (Akka over each transport, DotNetty, the
// ceiling, Proto.Actor), so that only the remoting under them differs. All cross through Hyperion but
// in the peers as their users run them: akka.tcp-json (Akka's default serializer, JSON) and
// proto-remote-protobuf (the same fields as generated types, Protobuf/perf_messages.proto).

/// <summary>A throughput message; the receiver answers with an <see cref="Ack"/> only when <paramref name="AckRequested"/>.</summary>
public sealed record Data(long Seq, bool AckRequested, byte[] Payload);

/// <summary>Every message up to and including <paramref name="Seq"/> has arrived.</summary>
public sealed record Ack(long Seq);

/// <summary>A latency request; the receiver sends the same message back.</summary>
public sealed record Echo(long Seq, byte[] Payload);
