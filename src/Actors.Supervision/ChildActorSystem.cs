using System.Diagnostics;
using Actors.Remote.Pipes;
using Akka.Actor;
using Akka.Event;

namespace Actors.Supervision;

/// <summary>
/// A child process that runs an ActorSystem and announces its address with a <see cref="ReadyLine"/>
/// on standard output. Disposing it stops the child: gracefully by closing its standard input,
/// then by SIGKILL if it has not exited in time. Nothing started here outlives the owner's intent.
/// </summary>
public sealed class ChildActorSystem : IAsyncDisposable
{
    // The lines quoted in a start failure's message: the rest went to the log, or are in Output.
    private const int LinesInErrors = 20;

    private readonly Process _process;
    private readonly TaskCompletionSource<Address> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ChildOutput _output;

    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private ChildActorSystem(Process process, ChildOutput output) => (_process, _output) = (process, output);

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

    /// <summary>
    /// The last lines the child wrote (stdout and stderr, oldest first), for diagnostics: at most
    /// <see cref="PeerSpec.OutputLinesKept"/>, so a chatty child cannot grow this process's memory.
    /// </summary>
    public IReadOnlyList<string> Output => _output.Tail;

    /// <summary>How many lines the child wrote so far, kept or not.</summary>
    public long OutputLineCount => _output.LineCount;

    /// <summary>
    /// Starts <paramref name="program"/> and waits until it prints its ready line.
    /// </summary>
    /// <param name="program">A .dll is run through the running dotnet host; anything else is executed.</param>
    /// <param name="arguments">The child's arguments.</param>
    /// <param name="readyTimeout">How long the child may take to announce its address.</param>
    /// <exception cref="TimeoutException">The child did not announce itself in time; it has been killed.</exception>
    /// <exception cref="InvalidOperationException">The child exited before announcing itself.</exception>
    public static Task<ChildActorSystem> StartAsync(string program, IEnumerable<string> arguments, TimeSpan readyTimeout) =>
        StartCoreAsync(program, ProgramStartInfo.Create(program, arguments), StartProcess, readyTimeout, new ChildOutput(PeerSpec.DefaultOutputLinesKept, null, 0));

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

    /// <summary>
    /// Starts the peer <paramref name="spec"/> describes, connected to <paramref name="parent"/> over a pipe
    /// when it asks for that. Each line the peer writes goes to <paramref name="parent"/>'s log under the
    /// peer's name: standard output as Info, standard error as Warning, at most
    /// <see cref="PeerSpec.OutputLinesLoggedPerSecond"/> a second.
    /// </summary>
    /// <exception cref="ChildExitedBeforeReadyException">The child exited before announcing itself.</exception>
    /// <exception cref="TimeoutException">The child did not announce itself in time; it has been killed.</exception>
    /// <exception cref="InvalidOperationException">The program could not be started.</exception>
    public static Task<ChildActorSystem> StartAsync(PeerSpec spec, ActorSystem parent)
    {
        var output = new ChildOutput(spec.OutputLinesKept, Logging.GetLogger(parent, spec.Name), spec.OutputLinesLoggedPerSecond);
        if (spec.OverAnonymousPipe)
        {
            return StartOverAnonymousPipeAsync(parent, spec, output);
        }

        return StartCoreAsync(spec.Program, CreateStartInfo(spec), StartProcess, spec.ReadyTimeout, output);
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
        StartOverAnonymousPipeAsync(
            parent,
            new PeerSpec(program, program, arguments.ToArray()) { ReadyTimeout = readyTimeout, OverAnonymousPipe = true },
            new ChildOutput(PeerSpec.DefaultOutputLinesKept, null, 0));

    private static async Task<ChildActorSystem> StartOverAnonymousPipeAsync(ActorSystem parent, PeerSpec spec, ChildOutput output)
    {
        var program = spec.Program;
        var readyTimeout = spec.ReadyTimeout;
        var transport = AnonymousPipeTransport.For(parent) ?? throw new InvalidOperationException(
            $"the actor system {parent.Name} has no anonymous pipe transport: add \"akka.remote.actors.apipe\" to akka.remote.enabled-transports");

        var child = await StartCoreAsync(program, CreateStartInfo(spec), startInfo => StartLinked(startInfo, transport), readyTimeout, output)
            .ConfigureAwait(false);
        if (child.Address.Port != child.ProcessId)
        {
            await child.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException(
                $"{program} announced {child.Address}, not an anonymous pipe address of its own pid {child.ProcessId}: does its HOCON enable akka.remote.actors.apipe?");
        }

        return child;
    }

    private static async Task<ChildActorSystem> StartCoreAsync(
        string program, ProcessStartInfo startInfo, Func<ProcessStartInfo, Process> start, TimeSpan readyTimeout, ChildOutput output)
    {
        var workingDirectory = string.IsNullOrEmpty(startInfo.WorkingDirectory) ? Environment.CurrentDirectory : startInfo.WorkingDirectory;
        if (program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !File.Exists(Path.Combine(workingDirectory, program)))
        {
            // dotnet would start and say so on stderr; a missing file is known without a process.
            throw new InvalidOperationException($"could not start a peer: program={program} does not exist");
        }

        var process = start(startInfo);
        var child = new ChildActorSystem(process, output);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, fromStdout: true);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, fromStdout: false);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) =>
        {
            child._ready.TrySetException(new ChildExitedBeforeReadyException(program, process.ExitCode, child.Output.TakeLast(LinesInErrors).ToArray()));
            child._exited.TrySetResult(process.ExitCode);
            output.ReportUnlogged();
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
            throw new TimeoutException(
                $"{program} did not announce its address within {readyTimeout.TotalSeconds:0.#} s{Environment.NewLine}its last lines:{Environment.NewLine}{string.Join(Environment.NewLine, child.Output.TakeLast(LinesInErrors))}");
        }
        catch
        {
            await child.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static Process StartProcess(ProcessStartInfo startInfo)
    {
        try
        {
            return Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start a peer: program={startInfo.FileName}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"could not start a peer: program={startInfo.FileName}, error={e.Message}", e);
        }
    }

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

        _output.Add(line, fromStdout);

        if (fromStdout && ReadyLine.TryParse(line, out var address))
        {
            _ready.TrySetResult(address);
        }
    }
}
