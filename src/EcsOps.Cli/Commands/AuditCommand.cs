using System.CommandLine;
using EcsOps.Aws.Config;
using EcsOps.Cli.Hosting;

namespace EcsOps.Cli.Commands;

/// <summary><c>ecsops audit tail|verify|replay</c>: read, check and play back the audit trail.</summary>
public static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("audit", "Read the audit trail, check the local file's hash chain, replay recorded sessions")
        {
            AuditTailCommand.Create(context),
            AuditVerifyCommand.Create(context),
            AuditReplayCommand.Create(context),
        };
    }

    /// <summary>The local audit file the config names.</summary>
    /// <exception cref="UserFacingException">The config turns the file off.</exception>
    internal static string LocalFile(EcsOpsConfig config) =>
        config.Audit.ResolveFilePath(ProcessEnvironmentVariables.Instance)
        ?? throw new UserFacingException("there is no local audit file: ecsops.yaml sets audit.file to false (use --source cloudwatch)");
}
