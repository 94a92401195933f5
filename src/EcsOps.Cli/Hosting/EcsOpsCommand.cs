using System.CommandLine;

namespace EcsOps.Cli.Hosting;

/// <summary>A command that says which exit code its failures get (exec and run use 255, like ssh), and whether a signal ends it in failure.</summary>
internal sealed class EcsOpsCommand(string name, string? description = null) : Command(name, description)
{
    /// <summary>The exit code for a failure of ecsops itself while this command runs.</summary>
    public int FailureExitCode { get; init; } = ExitCodes.Failed;

    /// <summary>
    /// A service (<c>serve</c>): SIGINT and SIGTERM are how it is told to stop, so when it then stops in order it exits
    /// 0, as service managers expect, rather than 130 or 143.
    /// </summary>
    public bool StopsOnSignal { get; init; }
}
