using System.IO.Pipes;

namespace Actors.Perf.Contenders.Raw;

/// <summary>Anonymous pipes (pipe(2)) the partner inherits, two per link: one each way.</summary>
public sealed class AnonymousPipeMechanism : IRawMechanism
{
    private const char LinkSeparator = ',';
    private const char EndSeparator = ':';

    public string Name => "apipe";

    public string Description => "bare anonymous pipe pair inherited by the child";

    public string? SkipReason => null;

    public IRawRendezvous Prepare(int links)
    {
        var pairs = new List<(AnonymousPipeServerStream ToPartner, AnonymousPipeServerStream ToDriver)>();
        try
        {
            for (var i = 0; i < links; i++)
            {
                pairs.Add((new AnonymousPipeServerStream(PipeDirection.Out, HandleInheritability.Inheritable),
                    new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.Inheritable)));
            }

            return new Rendezvous(pairs);
        }
        catch
        {
            pairs.ForEach(p => { p.ToPartner.Dispose(); p.ToDriver.Dispose(); });
            throw;
        }
    }

    public Task<IReadOnlyList<IRawLink>> OpenPartnerEndsAsync(string argument, CancellationToken cancellationToken)
    {
        var (_, handles) = RawArgument.Split(argument);
        IReadOnlyList<IRawLink> opened = handles.Split(LinkSeparator)
            .Select(link => link.Split(EndSeparator))
            .Select(ends => (IRawLink)new StreamRawLink(
                new AnonymousPipeClientStream(PipeDirection.In, ends[0]),
                new AnonymousPipeClientStream(PipeDirection.Out, ends[1])))
            .ToList();
        return Task.FromResult(opened);
    }

    private sealed class Rendezvous(List<(AnonymousPipeServerStream ToPartner, AnonymousPipeServerStream ToDriver)> pairs) : IRawRendezvous
    {
        public string PartnerArgument { get; } = RawArgument.Join(
            pairs.Count,
            string.Join(LinkSeparator, pairs.Select(p => $"{p.ToPartner.GetClientHandleAsString()}{EndSeparator}{p.ToDriver.GetClientHandleAsString()}")));

        // The child holds its own copies now; ours must go, or the child would never see an end of stream.
        public void AfterPartnerStarted() => pairs.ForEach(p =>
        {
            p.ToPartner.DisposeLocalCopyOfClientHandle();
            p.ToDriver.DisposeLocalCopyOfClientHandle();
        });

        public Task<IReadOnlyList<IRawLink>> OpenDriverEndsAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<IRawLink>>(pairs.Select(p => (IRawLink)new StreamRawLink(p.ToDriver, p.ToPartner)).ToList());

        public ValueTask DisposeAsync()
        {
            pairs.ForEach(p => { p.ToPartner.Dispose(); p.ToDriver.Dispose(); });
            return ValueTask.CompletedTask;
        }
    }
}
