using Actors.Perf.Measurement;
using Akka.Actor;

namespace Actors.Perf.Contenders.AkkaRemote;

/// <summary>The partner system's receivers: one <see cref="Sink"/> per pair a scenario may use.</summary>
public static class Sinks
{
    public static void StartAll(ActorSystem system)
    {
        for (var pair = 0; pair < Scenario.MaxPairs; pair++)
        {
            system.ActorOf(Props.Create(() => new Sink()), Scenario.SinkName(pair));
        }
    }
}
