using Actors.Remote.Pipes;
using Actors.Remote.SharedMemory;
using Actors.Remote.Sockets;
using Actors.Remote.Streams;
using Akka.Actor;
using Akka.Configuration;
using Akka.Remote.Transport;

namespace Actors.Remote.Tests.Platform;

/// <summary>
/// A local transport that finds no listener says where it looked: the file and the runtime directory,
/// so two processes that disagree on the directory (XDG_RUNTIME_DIR, socket-directory) show it at once.
/// Real transports, listening in a fresh directory, dialing an id nobody holds.
/// </summary>
public sealed class CouldNotConnectTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("connect-");
    private readonly ActorSystem _system = ActorSystem.Create("dialer", "akka.loglevel = WARNING");

    public async ValueTask DisposeAsync()
    {
        await _system.Terminate().WaitAsync(Timeout);
        _directory.Delete(recursive: true);
    }

    public static TheoryData<string> Schemes => ["uds", "shm", "pipe", "fifo"];

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Could_not_connect_names_the_path_and_the_runtime_directory_it_looked_in(string scheme)
    {
        var directory = _directory.FullName;
        var (transport, expectedPath) = Create(scheme, directory);
        try
        {
            var (local, _) = await transport.Listen().WaitAsync(Timeout);
            var nobody = local.Port == 65000 ? 65001 : 65000;

            var error = await Assert.ThrowsAsync<InvalidAssociationException>(() =>
                transport.Associate(new Address(local.Protocol, "nobody", local.Host, nobody)).WaitAsync(Timeout));

            Assert.EndsWith($": looked for path={expectedPath(nobody)} in runtime directory={directory}", error.Message);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            await transport.Shutdown().WaitAsync(Timeout);
        }
    }

    private (StreamTransport Transport, Func<int, string> ExpectedPath) Create(string scheme, string directory)
    {
        Config Section(string path, string key) =>
            ConfigurationFactory.ParseString($"{key} = \"{directory}\"\nconnection-timeout = 3 s").WithFallback(ShippedSection(path));

        return scheme switch
        {
            "uds" => (new UnixSocketTransport(_system, Section(UnixSocketTransport.ConfigPath, "socket-directory")), id => UnixSocketTransport.SocketPath(directory, id)),
            "shm" => (new SharedMemoryTransport(_system, Section(SharedMemoryTransport.ConfigPath, "socket-directory")), id => SharedMemoryTransport.ControlSocketPath(directory, id)),
            "pipe" => (new NamedPipeTransport(_system, Section(NamedPipeTransport.ConfigPath, "pipe-directory")), id => NamedPipeTransport.PipeName(directory, id)),
            "fifo" => (new FifoTransport(_system, Section(FifoTransport.ConfigPath, "fifo-directory")), id => FifoNames.RequestPath(directory, id)),
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "not a local transport"),
        };
    }

    private static Config ShippedSection(string path) => Actors.Remote.Configuration.ReferenceConfig.Default.GetConfig(path);
}
