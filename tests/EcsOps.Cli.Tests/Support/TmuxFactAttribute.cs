namespace EcsOps.Cli.Tests.Support;

/// <summary>A fact that needs tmux: skipped on a machine without it, never on CI (which installs it).</summary>
public sealed class TmuxFactAttribute : FactAttribute
{
    public TmuxFactAttribute()
    {
        if (!TmuxSession.IsAvailable && Environment.GetEnvironmentVariable("CI") is null)
        {
            Skip = "tmux is not installed (apt-get install tmux)";
        }
    }
}
