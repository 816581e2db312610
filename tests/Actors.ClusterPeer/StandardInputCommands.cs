using System.Globalization;
using Actors.TestSupport;
using Akka.Actor;

namespace Actors.ClusterPeer;

/// <summary>
/// The parent's commands on standard input: <c>publish &lt;count&gt; &lt;subscribers&gt;</c> asks this member
/// to publish notes; <c>ask-members &lt;count&gt;</c> asks every other Up member's echo actor that many times and
/// prints <c>LANE_SENT &lt;transport&gt;=&lt;count&gt;...</c> (see <see cref="LaneTraffic"/>). The end of standard input
/// (the parent closed it or died) terminates the system, so a member never outlives the test that started it.
/// </summary>
internal static class StandardInputCommands
{
    private static readonly TimeSpan s_askTimeout = TimeSpan.FromSeconds(10);

    public static void Start(ActorSystem system, IActorRef publisher, LaneTraffic laneTraffic)
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
                    else if (line.Split(' ') is ["ask-members", var asks])
                    {
                        try
                        {
                            AskMembersAsync(system, int.Parse(asks, CultureInfo.InvariantCulture)).GetAwaiter().GetResult();
                            Console.WriteLine($"LANE_SENT {laneTraffic.Describe()}");
                        }
                        catch (Exception e) when (e is AskTimeoutException or ActorNotFoundException or TimeoutException)
                        {
                            Console.WriteLine($"ASK_FAILED {e.Message}");
                        }
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

    private static async Task AskMembersAsync(ActorSystem system, int asks)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var others = cluster.State.Members.Where(m => m.Status == Akka.Cluster.MemberStatus.Up && !m.Address.Equals(cluster.SelfAddress));
        foreach (var member in others)
        {
            var echo = await system.ActorSelection(new RootActorPath(member.Address) / "user" / EchoActor.Name).ResolveOne(s_askTimeout);
            for (var i = 0; i < asks; i++)
            {
                await echo.Ask<string>($"ask {i}", s_askTimeout);
            }
        }
    }
}
