namespace EcsOps.Aws.Config;

/// <summary>
/// Read access to environment variables. Everything that honours an AWS_* or ECSOPS_* variable takes one,
/// so a test can hand each client its own environment instead of mutating the process's.
/// </summary>
public interface IEnvironmentVariables
{
    /// <summary>The value of <paramref name="name"/>, or null when unset.</summary>
    string? Get(string name);
}
