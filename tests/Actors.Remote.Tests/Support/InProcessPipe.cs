using System.IO.Pipes;

namespace Actors.Remote.Tests.Support;

/// <summary>A real anonymous pipe with both ends in this process: what one end writes, the other reads.</summary>
public sealed class InProcessPipe : IDisposable
{
    private readonly AnonymousPipeServerStream _server = new(PipeDirection.Out, HandleInheritability.None);

    public InProcessPipe() => Reader = new AnonymousPipeClientStream(PipeDirection.In, _server.ClientSafePipeHandle);

    /// <summary>The writing end.</summary>
    public Stream Writer => _server;

    /// <summary>The reading end.</summary>
    public Stream Reader { get; }

    public void Dispose()
    {
        _server.Dispose();
        Reader.Dispose();
    }
}
