using System.Reflection;
using Actors.Cluster;
using Actors.Hosting;
using Actors.Remote.Configuration;
using Actors.Serialization.Hyperion;
using Actors.Supervision;
using Akka.Actor;
using Akka.Configuration;
using AkkaTransport = Akka.Remote.Transport.Transport;

namespace Actors.Hosting.Tests;

/// <summary>
/// What the packages show their users. The PublicAPI baselines (PublicAPI.*.txt) stop any change of the
/// surface that nobody wrote down; this spec stops a baseline regenerated in a hurry from making the
/// plumbing public: rings, segments, frames, handshakes, streams, sockets, pipes and native calls.
/// </summary>
public sealed class PublicSurfaceSpec
{
    private static readonly Assembly[] s_packages =
    [
        typeof(ReferenceConfig).Assembly,
        typeof(ActorsClusterActorRefProvider).Assembly,
        typeof(ProcessSupervisor).Assembly,
        typeof(HyperionSerializer).Assembly,
        typeof(ActorsHostingExtensions).Assembly,
    ];

    private static readonly string[] s_internalOnlyNamespaces =
    [
        "Actors.Remote.Framing",
        "Actors.Remote.SharedMemory",
        "Actors.Remote.Handshake",
        "Actors.Remote.Native",
        "Actors.Remote.Streams",
        "Actors.Remote.Sockets",
        "Actors.Remote.Pipes",
        "Actors.Remote.Platform",
        "Actors.Serialization.Hyperion.TypeFiltering",
    ];

    // The one type of those namespaces a user sees: what a failed start throws.
    private static readonly string[] s_publicExceptions = ["Actors.Remote.Streams.TransportStartupException"];

    [Fact]
    public void No_type_of_an_internal_only_namespace_is_public_in_any_package()
    {
        var leaked = s_packages
            .SelectMany(assembly => assembly.GetExportedTypes())
            .Where(type => s_internalOnlyNamespaces.Any(ns => type.Namespace == ns || type.Namespace?.StartsWith(ns + ".", StringComparison.Ordinal) == true))
            .Select(type => type.FullName!)
            .Except(s_publicExceptions)
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.True(leaked.Length == 0, $"public types in internal-only namespaces: types={string.Join(", ", leaked)}");
    }

    [Fact]
    public void Every_transport_class_of_reference_conf_is_internal_yet_has_the_constructor_Akka_looks_up()
    {
        var transports = ReferenceConfig.Default.GetConfig("akka.remote.actors").AsEnumerable()
            .Select(entry => entry.Key)
            .Select(key => ReferenceConfig.Default.GetConfig($"akka.remote.actors.{key}"))
            .Where(section => section is not null && section.HasPath("transport-class"))
            .Select(section => section.GetString("transport-class"))
            .ToArray();
        Assert.NotEmpty(transports);

        foreach (var transportClass in transports)
        {
            // What Akka.Remote does with transport-class: Type.GetType, then the public (ActorSystem, Config)
            // constructor, then Activator.CreateInstance. The type itself may be internal, as Akka's own TcpTransport is.
            var type = Type.GetType(transportClass);
            Assert.True(type is not null, $"transport-class does not resolve: transport-class={transportClass}");
            Assert.True(typeof(AkkaTransport).IsAssignableFrom(type), $"not an Akka transport: transport-class={transportClass}");
            Assert.False(type.IsPublic, $"transport is public: transport-class={transportClass}");
            Assert.NotNull(type.GetConstructor([typeof(ActorSystem), typeof(Config)]));
        }
    }
}
