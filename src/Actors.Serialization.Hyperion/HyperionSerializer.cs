using System.Runtime.Serialization;
using Actors.Serialization.Hyperion.TypeFiltering;
using Akka.Actor;
using Akka.Configuration;
using Akka.Util;
using Hyperion;
using Hyperion.Internal;
using Hyperion.SerializerFactories;
using Microsoft.Extensions.ObjectPool;
using AkkaSerializer = Akka.Serialization.Serializer;
using HySerializer = Hyperion.Serializer;

namespace Actors.Serialization.Hyperion;

/// <summary>
/// An Akka serializer over Hyperion 0.12.2 for messages between processes of one build, with an optional type allow-list
/// (<c>akka.actor.serialization-settings.hyperion.allowed-types</c>). Register it with <see cref="HyperionSerializerConfig.Hocon"/>.
/// </summary>
/// <remarks>
/// <para>
/// Hyperion is polymorphic: the bytes name the types to create. Its deny-list of known gadget types is always on here
/// (<c>disallowUnsafeTypes</c>); a non-empty allow-list further limits the types named in the bytes to the listed ones,
/// and is checked before Hyperion loads a type, and again when writing. Every failure surfaces as a
/// <see cref="SerializationException"/>, which Akka.Remote treats as transient: it logs the message and drops it,
/// and the association stays up.
/// </para>
/// <para>
/// It serializes private fields, framework types included, so both ends need the same runtime and assembly versions. It
/// is not fit for persistence. Both ends must use the same <c>preserve-object-references</c> and <c>version-tolerance</c>.
/// </para>
/// </remarks>
public sealed class HyperionSerializer : AkkaSerializer
{
    private readonly HySerializer _hyperion;
    private readonly AllowListTypeFilter? _allowList;
    private readonly ObjectPool<MemoryStream> _streams =
        new DefaultObjectPool<MemoryStream>(new MemoryStreamPoolPolicy(), Environment.ProcessorCount * 2);
    private readonly ObjectPool<SerializerSession>? _writeSessions;
    private readonly ObjectPool<DeserializerSession>? _readSessions;

    /// <summary>Creates the serializer with <see cref="HyperionSerializerSettings.Default"/>; Akka calls this when the settings section is empty.</summary>
    public HyperionSerializer(ExtendedActorSystem system)
        : this(system, HyperionSerializerSettings.Default)
    {
    }

    /// <summary>Creates the serializer from <c>akka.actor.serialization-settings.hyperion</c>, which Akka passes in.</summary>
    /// <exception cref="ConfigurationException">A setting is unknown or invalid.</exception>
    public HyperionSerializer(ExtendedActorSystem system, Config config)
        : this(system, HyperionSerializerSettings.FromConfig(config))
    {
    }

    /// <summary>Creates the serializer from settings built in code.</summary>
    /// <exception cref="ConfigurationException">A setting is invalid.</exception>
    public HyperionSerializer(ExtendedActorSystem system, HyperionSerializerSettings settings)
        : base(system)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings.Validate();
        _allowList = settings.AllowedTypes.IsEmpty ? null : new AllowListTypeFilter(settings.AllowedTypes);

        // Mandatory: turns IActorRef, ActorPath and other Akka ISurrogated values into their paths and back into live
        // refs of this system; without it Hyperion would try to write a ref's internals.
        var surrogates = new[]
        {
            Surrogate.Create<ISurrogated, ISurrogate>(from => from.ToSurrogate(system), to => to.FromSurrogate(system)),
        };

        // One Hyperion serializer for the life of the system: it is thread-safe and caches the code it generates per
        // type, which is where its speed comes from. Sessions hold per-message state (object ids,
        // type indexes) and Hyperion offers no reset; they are pooled and emptied between messages (SessionState).
        // The full constructor, not the With* helpers: in 0.12.2 each With* call appends the default factories again.
        _hyperion = new HySerializer(new SerializerOptions(
            // Default off: both ends of an IPC link run the same build. On, every type carries its field names (much
            // bigger payloads) and Hyperion still throws on many changes (Hyperion#180), so it buys little.
            versionTolerance: settings.VersionTolerance,
            // Default on: messages may share objects or hold cycles, and without it a cycle recurses until the stack
            // overflows, which no catch can handle. It costs about 10-15%; turn it off only for flat messages.
            preserveObjectReferences: settings.PreserveObjectReferences,
            surrogates: surrogates,
            // Run before Hyperion's own factories, so refused types never reach them (see AllowListSerializerFactory
            // and DelegateRefusingSerializerFactory).
            serializerFactories: TypeRefusingFactories(settings, _allowList),
            knownTypes: null,
            // Field by field always: the ISerializable path runs a type's own deserialization constructor, a classic
            // gadget route, and Hyperion's support for it is partial anyway.
            ignoreISerializable: true,
            packageNameOverrides: null,
            // Always on: Hyperion's deny-list of known gadget types, and the switch without which it never calls a
            // type filter at all.
            disallowUnsafeTypes: true,
            typeFilter: _allowList is null ? DisabledTypeFilter.Instance : _allowList));

        if (SessionState.IsSupported)
        {
            _writeSessions = new DefaultObjectPool<SerializerSession>(
                new SessionPoolPolicy<SerializerSession>(_hyperion.GetSerializerSession, SessionState.TryReset), Environment.ProcessorCount * 2);
            _readSessions = new DefaultObjectPool<DeserializerSession>(
                new SessionPoolPolicy<DeserializerSession>(_hyperion.GetDeserializerSession, SessionState.TryReset), Environment.ProcessorCount * 2);
        }
    }

    // Delegates first: they are refused even when the allow-list names them.
    private static ValueSerializerFactory[]? TypeRefusingFactories(HyperionSerializerSettings settings, AllowListTypeFilter? allowList)
    {
        ValueSerializerFactory[] factories =
        [
            .. settings.AllowDelegates ? Array.Empty<ValueSerializerFactory>() : [new DelegateRefusingSerializerFactory()],
            .. allowList is null ? Array.Empty<ValueSerializerFactory>() : [new AllowListSerializerFactory(allowList)],
        ];
        return factories.Length == 0 ? null : factories;
    }

    /// <summary>The settings in force.</summary>
    public HyperionSerializerSettings Settings { get; }

    /// <summary>False: the type travels inside Hyperion's own bytes.</summary>
    public override bool IncludeManifest => false;

    /// <summary>Writes <paramref name="obj"/> into a new array.</summary>
    /// <exception cref="SerializationException">The type is not allowed, or Hyperion cannot write it.</exception>
    public override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (_allowList is not null)
        {
            var verdict = _allowList.Check(obj.GetType());
            if (!verdict.IsAllowed)
            {
                throw new SerializationException(verdict.Describe());
            }
        }

        var stream = _streams.Get();
        var session = _writeSessions?.Get() ?? _hyperion.GetSerializerSession();
        try
        {
            _hyperion.Serialize(obj, stream, session);
            return stream.ToArray();
        }
        catch (SerializationException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new SerializationException(
                $"Hyperion could not serialize a message of type '{obj.GetType().FullName}': {e.GetType().Name}: {e.Message}", e);
        }
        finally
        {
            _writeSessions?.Return(session);
            _streams.Return(stream);
        }
    }

    /// <summary>Reads one message; <paramref name="type"/> is ignored (there is no manifest), the bytes name the type.</summary>
    /// <exception cref="SerializationException">The bytes name a type that is not allowed, or cannot be read.</exception>
    public override object FromBinary(byte[] bytes, Type type)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        object? result;
        // Small payloads are copied into a pooled stream (cheaper than a new stream per message); big ones are read in place.
        var pooled = bytes.Length <= MemoryStreamPoolPolicy.InitialCapacityBytes ? _streams.Get() : null;
        var session = _readSessions?.Get() ?? _hyperion.GetDeserializerSession();
        try
        {
            var stream = pooled ?? new MemoryStream(bytes, writable: false);
            if (pooled is not null)
            {
                pooled.Write(bytes);
                pooled.Position = 0;
            }

            result = _hyperion.Deserialize<object>(stream, session);
        }
        catch (Exception e)
        {
            throw DescribeReadFailure(e, bytes.Length);
        }
        finally
        {
            _readSessions?.Return(session);
            if (pooled is not null)
            {
                _streams.Return(pooled);
            }
        }

        return result ?? throw new SerializationException(
            $"Hyperion read a null message from a {bytes.Length}-byte payload; Akka never sends null through a serializer");
    }

    private SerializationException DescribeReadFailure(Exception error, int length)
    {
        // Hyperion wraps a failure inside a field in its own SerializationException; the refusal is further down.
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is UserEvilDeserializationException refusedByList && _allowList is not null)
            {
                return new SerializationException(_allowList.Check(refusedByList.BadTypeString).Describe(), error);
            }

            if (e is EvilDeserializationException refusedByHyperion)
            {
                var name = refusedByHyperion.BadTypeString.Replace(",%core%", string.Empty, StringComparison.Ordinal);
                return new SerializationException(
                    $"Type '{name}' is refused by Hyperion's deny-list of unsafe types, which is always on", error);
            }
        }

        return new SerializationException(
            $"Hyperion could not deserialize a {length}-byte payload: {error.GetType().Name}: {error.Message}", error);
    }
}
