namespace Actors.TestPeer;

/// <summary>Question <paramref name="Id"/> of asker <paramref name="Asker"/>, sent by Ask to the <see cref="AnsweringActor"/>.</summary>
public sealed record Question(int Asker, int Id);

/// <summary>The answer to the question with the same <paramref name="Asker"/> and <paramref name="Id"/>: a type of its own, so the question coming back is told apart.</summary>
public sealed record Answer(int Asker, int Id);
