namespace Actors.Remote.Tests.Support;

/// <summary>
/// A fact that runs a child process as another user (nobody, uid 65534): it needs root (to switch
/// user with setpriv), setpriv and python3 in /usr/bin, and is skipped, saying which is missing, otherwise.
/// </summary>
public sealed class AsOtherUserFactAttribute : FactAttribute
{
    public const uint OtherUserId = 65534;
    public const string SetPriv = "/usr/bin/setpriv";
    public const string Python = "/usr/bin/python3";

    public AsOtherUserFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux only";
        }
        else if (Environment.UserName != "root")
        {
            Skip = "needs root to start a process as another user";
        }
        else if (!File.Exists(SetPriv) || !File.Exists(Python))
        {
            Skip = $"needs {SetPriv} and {Python}";
        }
    }
}
