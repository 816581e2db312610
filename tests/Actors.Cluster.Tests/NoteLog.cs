using Actors.ClusterPeer;
using Akka.Actor;

namespace Actors.Cluster.Tests;

/// <summary>The notes one process received, in arrival order, grouped by publisher.</summary>
internal sealed class NoteLog
{
    private readonly Lock _gate = new();
    private readonly List<Note> _notes = [];

    public void Add(Note note)
    {
        lock (_gate)
        {
            _notes.Add(note);
        }
    }

    /// <summary>The notes a cluster peer printed (<c>GOT &lt;publisher&gt; &lt;seq&gt;</c>).</summary>
    public static NoteLog FromOutput(IEnumerable<string> lines)
    {
        var log = new NoteLog();
        foreach (var line in lines)
        {
            var parts = line.Split(' ');
            if (parts is ["GOT", var publisher, var seq])
            {
                log.Add(new Note(publisher, int.Parse(seq, System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return log;
    }

    /// <summary>True when every publisher's notes arrived, each once and in order, and nothing else.</summary>
    public bool IsComplete(IReadOnlyCollection<string> publishers, int count) => Problem(publishers, count) is null;

    /// <summary>What is missing, duplicated or out of order; null when complete.</summary>
    public string? Problem(IReadOnlyCollection<string> publishers, int count)
    {
        Dictionary<string, List<int>> byPublisher;
        lock (_gate)
        {
            byPublisher = _notes.GroupBy(n => n.Publisher).ToDictionary(g => g.Key, g => g.Select(n => n.Seq).ToList());
        }

        var strangers = byPublisher.Keys.Except(publishers).ToArray();
        if (strangers.Length > 0)
        {
            return $"notes from unexpected publishers {string.Join(", ", strangers)}";
        }

        foreach (var publisher in publishers)
        {
            var seqs = byPublisher.GetValueOrDefault(publisher) ?? [];
            if (!seqs.SequenceEqual(Enumerable.Range(0, count)))
            {
                return $"{publisher}: got {seqs.Count} of {count} notes, in this order: {string.Join(",", seqs.Take(40))}";
            }
        }

        return null;
    }
}

/// <summary>Adds every note it receives to a <see cref="NoteLog"/>.</summary>
internal sealed class NoteRecorder : ReceiveActor
{
    public NoteRecorder(NoteLog log) => Receive<Note>(log.Add);
}
