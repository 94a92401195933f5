using System.CommandLine;
using EcsOps.Aws;
using EcsOps.Aws.Config;

namespace EcsOps.Cli.Hosting;

/// <summary>Loads ecsops.yaml (--config, ECSOPS_CONFIG, walk-up, XDG) and builds the AWS workspace of one invocation.</summary>
public static class WorkspaceFactory
{
    public static AwsWorkspace Create(ParseResult parse, CliContext context) =>
        new(new AwsWorkspaceOptions { Config = LoadConfig(parse, context), Environment = ProcessEnvironmentVariables.Instance });

    /// <summary>Only the config, for commands that need no AWS (reading the local audit file).</summary>
    public static EcsOpsConfig LoadConfig(ParseResult parse, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(context);
        return ConfigLoader.Load(parse.GetValue(context.ConfigOption)?.FullName, ProcessEnvironmentVariables.Instance, Environment.CurrentDirectory);
    }
}
