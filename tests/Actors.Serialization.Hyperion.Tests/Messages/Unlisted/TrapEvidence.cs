namespace Actors.Serialization.Hyperion.Tests.Messages.Unlisted;

/// <summary>
/// Where the trap types record that the runtime initialized them. It lives apart from them: reading a static field of
/// a trap would itself run the trap's static constructor.
/// </summary>
public static class TrapEvidence
{
    private static int s_refusedTypeInitialized;
    private static int s_controlTypeInitialized;

    public static bool RefusedTypeInitialized => Volatile.Read(ref s_refusedTypeInitialized) != 0;

    public static bool ControlTypeInitialized => Volatile.Read(ref s_controlTypeInitialized) != 0;

    internal static void MarkRefusedTypeInitialized() => Volatile.Write(ref s_refusedTypeInitialized, 1);

    internal static void MarkControlTypeInitialized() => Volatile.Write(ref s_controlTypeInitialized, 1);
}
