using System.IO.Pipes;

namespace Actors.Remote.Pipes;

/// <summary>
/// The parent's side of an anonymous pipe pair for one child process it is about to start.
/// </summary>
/// <remarks>
/// Use: create it, start the child with <see cref="ParentPipe.EnvironmentVariable"/> set to
/// <see cref="EnvironmentValue"/> while holding <see cref="SpawnLock"/>, then call <see cref="Attach"/>
/// with the child's pid. The child's ends are inheritable only until then: a process started by
/// anyone else in that window would inherit them too and keep the pipe open after the child dies,
/// which is why our own launches hold the lock.
/// </remarks>
internal sealed class ChildPipeLink : IDisposable
{
    private readonly AnonymousPipeServerStream _toChild = new(PipeDirection.Out, HandleInheritability.Inheritable);
    private readonly AnonymousPipeServerStream _fromChild = new(PipeDirection.In, HandleInheritability.Inheritable);
    private bool _attached;

    /// <summary>Held from creating the pipes until the child has started and the parent dropped its copies of the child's ends.</summary>
    public static Lock SpawnLock { get; } = new();

    /// <summary>The value of <see cref="ParentPipe.EnvironmentVariable"/> for the child.</summary>
    public string EnvironmentValue =>
        new ParentPipe(_toChild.GetClientHandleAsString(), _fromChild.GetClientHandleAsString(), Environment.ProcessId).Format();

    /// <summary>The child has started: drop the parent's copies of its ends and hand the pipes to the transport.</summary>
    public void Attach(AnonymousPipeTransport transport, int childProcessId)
    {
        _toChild.DisposeLocalCopyOfClientHandle();
        _fromChild.DisposeLocalCopyOfClientHandle();
        transport.AddChildLink(childProcessId, _fromChild, _toChild);
        _attached = true;
    }

    /// <summary>Closes the pipes unless a transport owns them now.</summary>
    public void Dispose()
    {
        if (!_attached)
        {
            _toChild.Dispose();
            _fromChild.Dispose();
        }
    }
}
