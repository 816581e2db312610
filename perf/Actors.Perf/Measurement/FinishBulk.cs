namespace Actors.Perf.Measurement;

/// <summary>Tells a bulk sender to send no more and to report once what is in flight is acknowledged.</summary>
public sealed class FinishBulk
{
    public static readonly FinishBulk Instance = new();

    private FinishBulk()
    {
    }
}
