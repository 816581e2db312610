using System.IO.Pipes;

namespace Actors.Perf.Contenders.Raw;

/// <summary>System.IO.Pipes named pipes, one per link (on Linux .NET builds them on Unix-domain sockets).</summary>
public sealed class NamedPipeMechanism : IRawMechanism
{
    public string Name => "pipe";

    public string Description => "bare System.IO.Pipes named pipe (a Unix-domain socket on Linux)";

    public string? SkipReason => null;

    public IRawRendezvous Prepare(int links)
    {
        var scratch = new ScratchDirectory();
        var servers = new List<NamedPipeServerStream>();
        try
        {
            for (var i = 0; i < links; i++)
            {
                servers.Add(new NamedPipeServerStream(
                    PipeName(scratch.Path, i), PipeDirection.InOut, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly));
            }

            return new Rendezvous(servers, RawArgument.Join(links, scratch.Path), scratch);
        }
        catch
        {
            servers.ForEach(s => s.Dispose());
            scratch.Dispose();
            throw;
        }
    }

    public async Task<IReadOnlyList<IRawLink>> OpenPartnerEndsAsync(string argument, CancellationToken cancellationToken)
    {
        var (links, directory) = RawArgument.Split(argument);
        var opened = new List<IRawLink>();
        for (var i = 0; i < links; i++)
        {
            var client = new NamedPipeClientStream(".", PipeName(directory, i), PipeDirection.InOut, PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);
            try
            {
                await client.ConnectAsync(cancellationToken);
                opened.Add(new StreamRawLink(client));
            }
            catch
            {
                await client.DisposeAsync();
                throw;
            }
        }

        return opened;
    }

    // An absolute path is used as is for the pipe's socket file.
    private static string PipeName(string directory, int link) => Path.Combine(directory, $"pipe-{link}");

    private sealed class Rendezvous(List<NamedPipeServerStream> servers, string argument, ScratchDirectory scratch) : IRawRendezvous
    {
        public string PartnerArgument => argument;

        public void AfterPartnerStarted()
        {
        }

        public async Task<IReadOnlyList<IRawLink>> OpenDriverEndsAsync(CancellationToken cancellationToken)
        {
            var opened = new List<IRawLink>();
            foreach (var server in servers)
            {
                await server.WaitForConnectionAsync(cancellationToken);
                opened.Add(new StreamRawLink(server));
            }

            return opened;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }

            scratch.Dispose();
        }
    }
}
