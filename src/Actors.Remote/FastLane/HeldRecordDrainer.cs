namespace Actors.Remote.FastLane;

/// <summary>
/// Moves a channel's held records into its link as the reader makes room, in order, until none are left: one task
/// at a time, started under the channel's lock when a record is held.
/// </summary>
/// <param name="gate">The channel's lock, which guards its link and writer.</param>
/// <param name="current">The channel's open link and writer under that lock; nulls once it closed.</param>
internal sealed class HeldRecordDrainer(Lock gate, Func<(ILaneSendingLink? Link, LaneWriter? Writer)> current)
{
    private static readonly TimeSpan DrainPause = TimeSpan.FromMilliseconds(1);

    // Guarded by gate.
    private bool _draining;

    /// <summary>Starts draining unless a drain is under way; call under the channel's lock.</summary>
    public void StartUnsynchronized()
    {
        if (!_draining)
        {
            _draining = true;
            _ = Task.Run(DrainAsync);
        }
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            lock (gate)
            {
                var (link, writer) = current();
                if (link is null || writer is null || !link.TryEnter())
                {
                    _draining = false;
                    return;
                }

                bool drained;
                try
                {
                    drained = writer.Drain();
                    link.Flush();
                }
                finally
                {
                    link.Exit();
                }

                if (drained)
                {
                    _draining = false;
                    return;
                }
            }

            await Task.Delay(DrainPause).ConfigureAwait(false);
        }
    }
}
