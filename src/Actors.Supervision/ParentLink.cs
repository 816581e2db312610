using Akka.Actor;

namespace Actors.Supervision;

/// <summary>
/// The child's side of <see cref="ChildActorSystem"/>: announce the address, and stop when the parent
/// closes our standard input (or dies, which closes it too), so a child never outlives its parent.
/// </summary>
public static class ParentLink
{
    /// <summary>Prints the ready line for <paramref name="system"/>'s default address.</summary>
    public static void AnnounceReady(ActorSystem system)
    {
        Console.Out.WriteLine(ReadyLine.Format(((ExtendedActorSystem)system).Provider.DefaultAddress));
        Console.Out.Flush();
    }

    /// <summary>Terminates <paramref name="system"/> when standard input reaches its end.</summary>
    public static void TerminateWhenParentCloses(ActorSystem system)
    {
        var watcher = new Thread(() =>
        {
            try
            {
                using var input = Console.OpenStandardInput();
                var buffer = new byte[256];
                while (input.Read(buffer, 0, buffer.Length) > 0)
                {
                    // The parent says nothing on this pipe; only its end matters.
                }
            }
            catch (IOException)
            {
                // A broken pipe is an end too.
            }

            system.Terminate();
        })
        {
            IsBackground = true,
            Name = "parent-link",
        };
        watcher.Start();
    }
}
