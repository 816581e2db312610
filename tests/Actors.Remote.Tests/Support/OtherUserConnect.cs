using System.Diagnostics;

namespace Actors.Remote.Tests.Support;

/// <summary>
/// Connects to a Unix socket from a child process running as another user (nobody, in the supplementary groups given)
/// and reports what it saw: "got the hello", "closed without a byte", or the error (needs what
/// <see cref="AsOtherUserFactAttribute"/> checks for).
/// </summary>
public static class OtherUserConnect
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    public static async Task<string> RunAsync(string socketPath, params uint[] groups)
    {
        using var child = new Process
        {
            StartInfo = new ProcessStartInfo(AsOtherUserFactAttribute.SetPriv)
            {
                ArgumentList =
                {
                    $"--reuid={AsOtherUserFactAttribute.OtherUserId}",
                    $"--regid={AsOtherUserFactAttribute.OtherUserId}",
                    groups.Length == 0 ? "--clear-groups" : $"--groups={string.Join(',', groups)}",
                    AsOtherUserFactAttribute.Python, "-c",
                    "import socket,sys\ns=socket.socket(socket.AF_UNIX)\ns.settimeout(10)\n" +
                    "try:\n  s.connect(sys.argv[1])\n  print('got the hello' if s.recv(64) else 'closed without a byte', flush=True)\n" +
                    "except OSError as e:\n  print(e.strerror, flush=True)",
                    socketPath,
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            },
        };
        child.Start();
        try
        {
            var saw = (await child.StandardOutput.ReadToEndAsync().WaitAsync(Bound)).Trim();
            await child.WaitForExitAsync().WaitAsync(Bound);
            return saw.Length > 0 ? saw : await child.StandardError.ReadToEndAsync();
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }
        }
    }
}
