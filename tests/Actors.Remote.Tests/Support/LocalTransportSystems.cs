using Akka.Actor;
using Akka.Configuration;

namespace Actors.Remote.Tests.Support;

/// <summary>
/// The ActorSystems one test starts on a shipped config of a local transport (uds, pipe), all told
/// to keep their files in a fresh temporary directory. Disposing terminates them and deletes it.
/// </summary>
public sealed class LocalTransportSystems : IAsyncDisposable
{
    /// <summary>How long any one step of these tests may take.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly List<ActorSystem> _systems = [];
    private readonly DirectoryInfo _root;
    private readonly string _configFile;
    private readonly string _sectionPath;
    private readonly string _directoryKey;

    /// <param name="configFile">The shipped HOCON file, e.g. "uds.conf".</param>
    /// <param name="sectionPath">The transport's section, e.g. "akka.remote.actors.uds".</param>
    /// <param name="directoryKey">The section's key naming the directory, e.g. "socket-directory".</param>
    public LocalTransportSystems(string configFile, string sectionPath, string directoryKey)
    {
        _configFile = configFile;
        _sectionPath = sectionPath;
        _directoryKey = directoryKey;
        _root = Directory.CreateTempSubdirectory(Path.GetFileNameWithoutExtension(configFile) + "-");
        FileDirectory = Path.Combine(_root.FullName, "files");
    }

    /// <summary>The temporary directory that holds <see cref="FileDirectory"/>.</summary>
    public string RootDirectory => _root.FullName;

    /// <summary>The directory the systems are told to use; the transport creates it.</summary>
    public string FileDirectory { get; }

    /// <summary>The address a system listens at.</summary>
    public static Address AddressOf(ActorSystem system) => ((ExtendedActorSystem)system).Provider.DefaultAddress;

    /// <summary>Starts a system on the shipped config, with <paramref name="overrides"/> inside the transport's section.</summary>
    public ActorSystem Start(string name, string overrides = "")
    {
        var directory = FileDirectory.Replace("\\", "\\\\");
        var config = ConfigurationFactory.ParseString($$"""
            {{_sectionPath}} {
              {{_directoryKey}} = "{{directory}}"
              {{overrides}}
            }
            """).WithFallback(ShippedConfig.Load(_configFile));
        return Track(ActorSystem.Create(name, config));
    }

    /// <summary>Starts a system without remoting, for transports a test creates itself.</summary>
    public ActorSystem StartLocal(string name) => Track(ActorSystem.Create(name, "akka.loglevel = WARNING"));

    /// <summary>Starts a system named <paramref name="clientName"/> that resolves the echo actor of <paramref name="server"/>.</summary>
    public async Task<IActorRef> ResolveEchoAsync(ActorSystem server, string clientName)
    {
        var client = Start(clientName);
        return await client.ActorSelection(new RootActorPath(AddressOf(server)) / "user" / "echo").ResolveOne(Bound);
    }

    /// <summary>Asserts that starting a system fails, and that the failure mentions <paramref name="expected"/>.</summary>
    public async Task AssertStartFailsAsync(string name, string overrides, string expected)
    {
        var e = await Record.ExceptionAsync(() => Task.Run(() => Start(name, overrides)).WaitAsync(Bound));

        Assert.NotNull(e);
        Assert.IsNotType<TimeoutException>(e);
        Assert.Contains(expected, ExceptionChain.Flatten(e));
    }

    /// <summary>A listener id whose file <paramref name="fileOf"/> does not exist yet.</summary>
    public static int FreshId(Func<int, string> fileOf)
    {
        while (true)
        {
            var id = Random.Shared.Next(1000, 65536);
            if (!File.Exists(fileOf(id)))
            {
                return id;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var system in _systems)
            {
                await system.Terminate().WaitAsync(Bound);
            }
        }
        finally
        {
            _root.Delete(recursive: true);
        }
    }

    private ActorSystem Track(ActorSystem system)
    {
        _systems.Add(system);
        return system;
    }
}
