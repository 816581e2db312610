using System.Globalization;
using Akka.Actor;

namespace Actors.ClusterPeer;

/// <summary>
/// The parent's commands on standard input: <c>publish &lt;count&gt; &lt;subscribers&gt;</c> asks this member
/// to publish notes. The end of standard input (the parent closed it or died) terminates the system,
/// so a member never outlives the test that started it.
/// </summary>
internal static class StandardInputCommands
{
    public static void Start(ActorSystem system, IActorRef publisher)
    {
        var reader = new Thread(() =>
        {
            try
            {
                while (Console.In.ReadLine() is { } line)
                {
                    if (line.Split(' ') is ["publish", var count, var subscribers])
                    {
                        publisher.Tell(new PublishNotes(int.Parse(count, CultureInfo.InvariantCulture), int.Parse(subscribers, CultureInfo.InvariantCulture)));
                    }
                    else
                    {
                        Console.Error.WriteLine($"unknown command: {line}");
                    }
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
            Name = "parent-commands",
        };
        reader.Start();
    }
}
