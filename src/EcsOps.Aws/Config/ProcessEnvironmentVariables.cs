namespace EcsOps.Aws.Config;

/// <summary>The environment of this process.</summary>
public sealed class ProcessEnvironmentVariables : IEnvironmentVariables
{
    /// <summary>The one instance.</summary>
    public static readonly ProcessEnvironmentVariables Instance = new();

    private ProcessEnvironmentVariables()
    {
    }

    public string? Get(string name) => Environment.GetEnvironmentVariable(name);
}
