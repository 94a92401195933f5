using System.CommandLine;

namespace EcsOps.Cli.Hosting;

/// <summary>A command that says which exit code its failures get (exec and run use 255, like ssh).</summary>
internal sealed class EcsOpsCommand(string name, string? description = null) : Command(name, description)
{
    /// <summary>The exit code for a failure of ecsops itself while this command runs.</summary>
    public int FailureExitCode { get; init; } = ExitCodes.Failed;
}
