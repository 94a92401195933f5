namespace EcsOps.Runbooks.Tests.Support;

/// <summary>A fact that needs busybox: skipped on a machine without it, never on CI (which installs it).</summary>
public sealed class BusyboxFactAttribute : FactAttribute
{
    public BusyboxFactAttribute()
    {
        if (!Toolset.IsBusyboxInstalled && Environment.GetEnvironmentVariable("CI") is null)
        {
            Skip = "busybox is not installed (apt-get install busybox)";
        }
    }
}
