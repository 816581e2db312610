using System.Diagnostics;
using Actors.Remote.Pipes;
using Akka.Actor;

namespace Actors.Supervision;

/// <summary>
/// A child process that runs an ActorSystem and announces its address with a <see cref="ReadyLine"/>
/// on standard output. Disposing it stops the child: gracefully by closing its standard input,
/// then by SIGKILL if it has not exited in time. Nothing started here outlives the owner's intent.
/// </summary>
public sealed class ChildActorSystem : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<Address> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];
    private readonly Lock _outputGate = new();

    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private ChildActorSystem(Process process) => _process = process;

    /// <summary>Completes with the exit code when the process has exited (128 + n when signal n killed it).</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>When the process exited, once it has.</summary>
    public DateTime? ExitTime => !_disposed && _process.HasExited ? _process.ExitTime : null;

    /// <summary>The child's address, from its ready line.</summary>
    public Address Address => _ready.Task.IsCompletedSuccessfully
        ? _ready.Task.Result
        : throw new InvalidOperationException("the child has not announced its address");

    /// <summary>The child's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the child process has exited (or this handle was disposed).</summary>
    public bool HasExited => _exited.Task.IsCompleted || _disposed || _process.HasExited;

    /// <summary>Every line the child wrote so far (stdout and stderr), for diagnostics.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_outputGate)
            {
                return _output.ToArray();
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="program"/> and waits until it prints its ready line.
    /// </summary>
    /// <param name="program">A .dll is run through the running dotnet host; anything else is executed.</param>
    /// <param name="arguments">The child's arguments.</param>
    /// <param name="readyTimeout">How long the child may take to announce its address.</param>
    /// <exception cref="TimeoutException">The child did not announce itself in time; it has been killed.</exception>
    /// <exception cref="InvalidOperationException">The child exited before announcing itself.</exception>
    public static Task<ChildActorSystem> StartAsync(string program, IEnumerable<string> arguments, TimeSpan readyTimeout) =>
        StartCoreAsync(ProgramStartInfo.Create(program, arguments), StartProcess, readyTimeout);

    /// <summary>
    /// Starts <paramref name="program"/> once per argument list, all at once, and waits until every one
    /// has announced itself. If any fails, those that started are stopped before the error is thrown.
    /// </summary>
    /// <exception cref="TimeoutException">A child did not announce itself in time.</exception>
    /// <exception cref="InvalidOperationException">A child exited before announcing itself.</exception>
    public static async Task<IReadOnlyList<ChildActorSystem>> StartAllAsync(
        string program, IEnumerable<IEnumerable<string>> argumentLists, TimeSpan readyTimeout)
    {
        var starts = argumentLists.Select(arguments => StartAsync(program, arguments, readyTimeout)).ToArray();
        try
        {
            return await Task.WhenAll(starts).ConfigureAwait(false);
        }
        catch
        {
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully))
            {
                await start.Result.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>Starts the peer <paramref name="spec"/> describes, connected to <paramref name="parent"/> over a pipe when it asks for that.</summary>
    public static Task<ChildActorSystem> StartAsync(PeerSpec spec, ActorSystem parent)
    {
        if (spec.OverAnonymousPipe)
        {
            return StartOverAnonymousPipeAsync(parent, spec);
        }

        return StartCoreAsync(CreateStartInfo(spec), StartProcess, spec.ReadyTimeout);
    }

    /// <summary>
    /// Starts <paramref name="program"/> as a child actor system connected to <paramref name="parent"/> over
    /// an anonymous pipe pair, and waits until it announces its address (<c>akka.apipe://…</c>).
    /// </summary>
    /// <remarks>
    /// Both systems must enable the anonymous pipe transport (<c>akka.remote.actors.apipe</c>). The child
    /// finds its pipe ends through an environment variable; when the parent dies, the child's system sees
    /// the pipe close and terminates itself.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The parent's HOCON does not enable the anonymous pipe transport, or the child failed.</exception>
    /// <exception cref="TimeoutException">The child did not announce itself in time; it has been killed.</exception>
    public static Task<ChildActorSystem> StartOverAnonymousPipeAsync(
        ActorSystem parent, string program, IEnumerable<string> arguments, TimeSpan readyTimeout) =>
        StartOverAnonymousPipeAsync(parent, new PeerSpec(program, program, arguments.ToArray()) { ReadyTimeout = readyTimeout, OverAnonymousPipe = true });

    private static async Task<ChildActorSystem> StartOverAnonymousPipeAsync(ActorSystem parent, PeerSpec spec)
    {
        var program = spec.Program;
        var readyTimeout = spec.ReadyTimeout;
        var transport = AnonymousPipeTransport.For(parent) ?? throw new InvalidOperationException(
            $"the actor system {parent.Name} has no anonymous pipe transport: add \"akka.remote.actors.apipe\" to akka.remote.enabled-transports");

        var child = await StartCoreAsync(CreateStartInfo(spec), startInfo => StartLinked(startInfo, transport), readyTimeout)
            .ConfigureAwait(false);
        if (child.Address.Port != child.ProcessId)
        {
            await child.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException(
                $"{program} announced {child.Address}, not an anonymous pipe address of its own pid {child.ProcessId}: does its HOCON enable akka.remote.actors.apipe?");
        }

        return child;
    }

    private static async Task<ChildActorSystem> StartCoreAsync(ProcessStartInfo startInfo, Func<ProcessStartInfo, Process> start, TimeSpan readyTimeout)
    {
        var program = startInfo.ArgumentList.FirstOrDefault() ?? startInfo.FileName;
        var process = start(startInfo);
        var child = new ChildActorSystem(process);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, fromStdout: true);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, fromStdout: false);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) =>
        {
            child._ready.TrySetException(
                new InvalidOperationException($"{program} exited with code {process.ExitCode} before it was ready:{Environment.NewLine}{string.Join(Environment.NewLine, child.Output)}"));
            child._exited.TrySetResult(process.ExitCode);
        };
        if (process.HasExited)
        {
            // It may have exited before the handler was attached.
            child._exited.TrySetResult(process.ExitCode);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await child._ready.Task.WaitAsync(readyTimeout).ConfigureAwait(false);
            return child;
        }
        catch (TimeoutException)
        {
            await child.DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException($"{program} did not announce its address within {readyTimeout.TotalSeconds:0.#} s:{Environment.NewLine}{string.Join(Environment.NewLine, child.Output)}");
        }
        catch
        {
            await child.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static Process StartProcess(ProcessStartInfo startInfo) =>
        Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {startInfo.FileName}");

    // The pipes are made, inherited and released under one lock, so that no other child we start
    // inherits this child's ends (it would keep them open after this child dies).
    private static Process StartLinked(ProcessStartInfo startInfo, AnonymousPipeTransport transport)
    {
        lock (ChildPipeLink.SpawnLock)
        {
            var link = new ChildPipeLink();
            try
            {
                startInfo.Environment[ParentPipe.EnvironmentVariable] = link.EnvironmentValue;
                var process = StartProcess(startInfo);
                link.Attach(transport, process.Id);
                return process;
            }
            catch
            {
                link.Dispose();
                throw;
            }
        }
    }

    /// <summary>Kills the child at once with SIGKILL, as a crash would.</summary>
    public void Kill()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <summary>Waits for the child to exit.</summary>
    /// <returns><c>false</c> if it was still running at the timeout.</returns>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The child's exit code; valid once it has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Writes <paramref name="line"/> to the child's standard input, for children that take commands there.</summary>
    /// <exception cref="IOException">The child has exited and its input is closed.</exception>
    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Asks the child to stop by closing its standard input; kills it if it is still running after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // The pipe is already gone: the child has exited.
        }

        if (!await WaitForExitAsync(grace).ConfigureAwait(false))
        {
            Kill();
            await WaitForExitAsync(grace).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        if (!HasExited)
        {
            await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }

        _disposed = true;
        _process.Dispose();
    }

    private static ProcessStartInfo CreateStartInfo(PeerSpec spec)
    {
        var startInfo = ProgramStartInfo.Create(spec.Program, spec.Arguments);
        foreach (var (name, value) in spec.Environment)
        {
            startInfo.Environment[name] = value;
        }

        if (spec.WorkingDirectory is not null)
        {
            startInfo.WorkingDirectory = spec.WorkingDirectory;
        }

        return startInfo;
    }

    private void OnLine(string? line, bool fromStdout)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputGate)
        {
            _output.Add(line);
        }

        if (fromStdout && ReadyLine.TryParse(line, out var address))
        {
            _ready.TrySetResult(address);
        }
    }
}
