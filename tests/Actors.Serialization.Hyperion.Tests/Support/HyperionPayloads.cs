using System.Buffers.Binary;
using System.Text;

namespace Actors.Serialization.Hyperion.Tests.Support;

/// <summary>Crafts Hyperion payloads the way a hostile or misconfigured peer could.</summary>
internal static class HyperionPayloads
{
    // Hyperion writes an object's type as: 255, the name's length (int32, little-endian), the UTF-8 name.
    private const byte FullTypeManifest = 255;

    /// <summary>The name Hyperion writes for <paramref name="type"/>: full name and simple assembly name.</summary>
    public static string WireName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    /// <summary>
    /// Rewrites the type name <paramref name="from"/> in <paramref name="payload"/> to <paramref name="to"/>, without ever
    /// touching <paramref name="to"/> (no instance, no static member): the bytes now ask the reader to create it.
    /// </summary>
    public static byte[] RenameType(byte[] payload, Type from, Type to) => RenameType(payload, from, WireName(to));

    /// <summary>
    /// Rewrites the type name <paramref name="from"/> in <paramref name="payload"/> to the name <paramref name="to"/>, as
    /// written by Hyperion (the core library is written <c>System.Private.CoreLib,%core%</c>).
    /// </summary>
    public static byte[] RenameType(byte[] payload, Type from, string to)
    {
        var oldName = Manifest(WireName(from));
        var index = payload.AsSpan().IndexOf(oldName);
        if (index < 0)
        {
            throw new InvalidOperationException($"The payload does not name {WireName(from)}.");
        }

        var newName = Manifest(to);
        return [.. payload.AsSpan(0, index), .. newName, .. payload.AsSpan(index + oldName.Length)];
    }

    private static byte[] Manifest(string name)
    {
        var utf8 = Encoding.UTF8.GetBytes(name);
        var manifest = new byte[1 + sizeof(int) + utf8.Length];
        manifest[0] = FullTypeManifest;
        BinaryPrimitives.WriteInt32LittleEndian(manifest.AsSpan(1), utf8.Length);
        utf8.CopyTo(manifest, 1 + sizeof(int));
        return manifest;
    }
}
