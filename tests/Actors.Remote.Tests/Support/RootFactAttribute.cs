namespace Actors.Remote.Tests.Support;

/// <summary>A fact that needs root on Linux (to give a file to another user with chown); skipped, saying so, otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux only";
        }
        else if (Environment.UserName != "root")
        {
            Skip = "needs root to give a directory to another user";
        }
    }
}
