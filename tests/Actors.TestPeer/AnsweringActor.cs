using Akka.Actor;

namespace Actors.TestPeer;

/// <summary>Answers every <see cref="Question"/> with the <see cref="Answer"/> that carries its ids, so an asker can tell its own reply from any other.</summary>
public sealed class AnsweringActor : ReceiveActor
{
    public const string Name = "answers";

    public AnsweringActor() => Receive<Question>(question => Sender.Tell(new Answer(question.Asker, question.Id)));
}
