using System.Runtime.CompilerServices;
using Hyperion;

namespace Actors.Serialization.Hyperion;

/// <summary>
/// Empties a Hyperion session so the next message can use it: Hyperion 0.12.2 builds two sessions per message
/// (object ids, type indexes, a scratch buffer), about 600 bytes of garbage per round trip, and offers no reset.
/// </summary>
/// <remarks>
/// The state lives in private fields, reached here by <see cref="UnsafeAccessorAttribute"/> with the names and types of
/// Hyperion 0.12.2 (the version pinned for the whole repository). <see cref="IsSupported"/> tries them once: a Hyperion
/// whose fields differ makes it false, and the serializer then builds a fresh session per message as Hyperion itself does,
/// so an upgrade can cost speed, never correctness. A session that tracked many objects, or whose scratch buffer grew for
/// a long string, is not kept, so one big message does not stay in memory.
/// </remarks>
internal static class SessionState
{
    /// <summary>A session that tracked more objects than this is dropped rather than emptied and kept.</summary>
    public const int MaximumRetainedObjects = 1024;

    /// <summary>A session whose scratch buffer (it grows to the longest string written or read) is larger is dropped.</summary>
    public const int MaximumRetainedBufferBytes = 64 * 1024;

    /// <summary>True when this Hyperion's sessions have the fields emptied here.</summary>
    public static bool IsSupported { get; } = Probe();

    /// <summary>Empties <paramref name="session"/>; false when it is too big to keep.</summary>
    public static bool TryReset(SerializerSession session)
    {
        var objects = SerializedObjects(session);
        if (objects is { Count: > MaximumRetainedObjects } || WriteBuffer(session) is { Length: > MaximumRetainedBufferBytes })
        {
            return false;
        }

        objects?.Clear();
        NextObjectId(session) = 0;
        // The types written in full so far; the next message must write its types in full again, as its reader starts afresh.
        TrackedTypes(session)?.Clear();
        return true;
    }

    /// <summary>Empties <paramref name="session"/>; false when it is too big to keep.</summary>
    public static bool TryReset(DeserializerSession session)
    {
        var objects = DeserializedObjects(session);
        if (objects is { Count: > MaximumRetainedObjects } || ReadBuffer(session) is { Length: > MaximumRetainedBufferBytes })
        {
            return false;
        }

        objects?.Clear();
        IdentifiedTypes(session)?.Clear();
        VersionInfo(session)?.Clear();
        return true;
    }

    private static bool Probe()
    {
        try
        {
            // Reading a field, even a null one, is enough: a missing field throws here rather than on a message.
            var serializer = new global::Hyperion.Serializer();
            return TryReset(serializer.GetSerializerSession()) && TryReset(serializer.GetDeserializerSession());
        }
        catch (Exception e) when (e is MissingFieldException or MissingMemberException)
        {
            return false;
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_objects")]
    private static extern ref Dictionary<object, int>? SerializedObjects(SerializerSession session);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_buffer")]
    private static extern ref byte[]? WriteBuffer(SerializerSession session);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_buffer")]
    private static extern ref byte[]? ReadBuffer(DeserializerSession session);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_nextObjectId")]
    private static extern ref int NextObjectId(SerializerSession session);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_trackedTypes")]
    private static extern ref LinkedList<Type>? TrackedTypes(SerializerSession session);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_objectById")]
    private static extern ref List<object>? DeserializedObjects(DeserializerSession session);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_identifierToType")]
    private static extern ref List<Type>? IdentifiedTypes(DeserializerSession session);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_versionInfoByType")]
    private static extern ref Dictionary<Type, TypeVersionInfo>? VersionInfo(DeserializerSession session);
}
