using Akka.Actor;

namespace ClusterSample;

/// <summary>Counts the words of each <see cref="Chunk"/> it gets and replies with the counts. One per member, at <c>/user/counter</c>.</summary>
public sealed class WordCounter : ReceiveActor
{
    public const string Name = "counter";

    public WordCounter(TimeSpan workPerChunk)
    {
        var self = Akka.Cluster.Cluster.Get(Context.System).SelfAddress;
        ReceiveAsync<Chunk>(async chunk =>
        {
            var counts = Text.CountWords(chunk.Text);
            if (workPerChunk > TimeSpan.Zero)
            {
                await Task.Delay(workPerChunk);
            }

            Sender.Tell(new ChunkCounted(chunk.Id, counts, self));
        });
    }
}
