namespace Actors.MultiProcess.Tests;

/// <summary>A fact that mounts a small tmpfs: skipped, saying why, where this process cannot mount one (not root, no mount).</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> s_whyNot = new(TmpfsMount.WhyNot);

    public TmpfsFactAttribute()
    {
        if (s_whyNot.Value is { } reason)
        {
            Skip = reason;
        }
    }
}
