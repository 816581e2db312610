using System.Net;
using System.Net.Sockets;
using Actors.Remote.Configuration;
using Actors.Remote.Streams;
using Akka.Actor;
using Akka.Configuration;

namespace Actors.Remote.Tests.Configuration;

/// <summary>
/// A transport that cannot start says why in one line, found under the layers Akka wraps it in
/// (<c>Remoting error: [Startup failed]</c>). Real listeners hold the id or port; real paths; a real lookup.
/// </summary>
public sealed class StartupErrorsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("startup-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task A_listener_id_in_use_is_the_cause_named_in_one_line()
    {
        var id = Random.Shared.Next(20000, 60000);
        var holder = ActorSystem.Create("holder", Uds(id, _directory.FullName));
        try
        {
            var cause = StartupFailure(Uds(id, _directory.FullName));

            Assert.Equal($"uds transport could not start: listener id is in use: id={id}, in {_directory.FullName}", cause);
        }
        finally
        {
            await holder.Terminate().WaitAsync(Timeout);
        }
    }

    [Fact]
    public void A_runtime_directory_that_is_a_file_is_the_cause_named_in_one_line()
    {
        var file = Path.Combine(_directory.FullName, "not-a-directory");
        File.WriteAllText(file, "");

        var cause = StartupFailure(Uds(0, file));

        Assert.StartsWith($"uds transport could not start: socket directory is not a directory: path={file}, owner uid=", cause);
    }

    [Fact]
    public void A_port_in_use_is_the_cause_named_in_one_line()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var cause = StartupFailure(Tcp("127.0.0.1", port));

        Assert.Equal($"atcp transport could not start: cannot listen: hostname=127.0.0.1, port={port}: Address already in use", cause);
    }

    [Fact]
    public void A_host_name_that_does_not_resolve_is_the_cause_named_in_one_line()
    {
        // .invalid never resolves (RFC 2606).
        var cause = StartupFailure(Tcp("no-such-host.invalid", 0));

        Assert.StartsWith("atcp transport could not start: host name does not resolve: hostname=no-such-host.invalid: ", cause);
    }

    [Fact]
    public void Describe_prefixes_a_configuration_mistake_and_a_start_up_failure()
    {
        Assert.Equal("configuration error: x = y is not valid", StartupErrors.Describe(new ConfigurationException("x = y is not valid")));
        Assert.Equal(
            "start-up failed: uds transport could not start: disk",
            StartupErrors.Describe(TransportStartupException.Of("uds", new IOException("disk"))));
    }

    /// <summary>Starts a system that must fail; returns the one line of its cause.</summary>
    private static string StartupFailure(Config config)
    {
        var error = Record.Exception(() => ActorSystem.Create("failing", config).Terminate().Wait(Timeout));

        Assert.NotNull(error);
        Assert.True(StartupErrors.TryFindCause(error, out var cause), $"no cause found in {error}");
        Assert.DoesNotContain('\n', cause.Message);
        return cause.Message;
    }

    private static Config Uds(int id, string directory) => ConfigurationFactory.ParseString($$"""
        akka.actor.provider = remote
        akka.remote.enabled-transports = ["akka.remote.actors.uds"]
        akka.remote.actors.uds { port = {{id}}, socket-directory = "{{directory}}" }
        """).WithFallback(ReferenceConfig.Default);

    private static Config Tcp(string host, int port) => ConfigurationFactory.ParseString($$"""
        akka.actor.provider = remote
        akka.remote.enabled-transports = ["akka.remote.actors.tcp"]
        akka.remote.actors.tcp { hostname = "{{host}}", port = {{port}} }
        """).WithFallback(ReferenceConfig.Default);
}
