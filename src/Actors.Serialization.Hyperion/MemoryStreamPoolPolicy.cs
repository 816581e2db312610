using Microsoft.Extensions.ObjectPool;

namespace Actors.Serialization.Hyperion;

/// <summary>
/// Pools the streams <see cref="HyperionSerializer.ToBinary"/> writes into and <see cref="HyperionSerializer.FromBinary"/>
/// reads small payloads from. A stream never leaves the serializer (a result is copied out with
/// <see cref="MemoryStream.ToArray"/>), so reusing it is safe; it is emptied on return.
/// </summary>
internal sealed class MemoryStreamPoolPolicy : PooledObjectPolicy<MemoryStream>
{
    /// <summary>The capacity of a new stream, in bytes: most messages fit without growing.</summary>
    public const int InitialCapacityBytes = 4 * 1024;

    /// <summary>A stream that grew beyond this many bytes is dropped, so one huge message does not stay pinned in the pool.</summary>
    public const int MaximumRetainedCapacityBytes = 1024 * 1024;

    /// <inheritdoc />
    public override MemoryStream Create() => new(InitialCapacityBytes);

    /// <inheritdoc />
    public override bool Return(MemoryStream stream)
    {
        if (stream.Capacity > MaximumRetainedCapacityBytes)
        {
            return false;
        }

        stream.Position = 0;
        stream.SetLength(0);
        return true;
    }
}
