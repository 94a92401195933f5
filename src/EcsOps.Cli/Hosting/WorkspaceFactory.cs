using System.CommandLine;
using EcsOps.Aws;
using EcsOps.Aws.Config;

namespace EcsOps.Cli.Hosting;

/// <summary>Loads ecsops.yaml (--config, ECSOPS_CONFIG, walk-up, XDG) and builds the AWS workspace of one invocation.</summary>
public static class WorkspaceFactory
{
    public static AwsWorkspace Create(ParseResult parse, CliContext context) => Create(LoadConfig(parse, context));

    /// <summary>The workspace of an already loaded config.</summary>
    public static AwsWorkspace Create(EcsOpsConfig config) =>
        new(new AwsWorkspaceOptions { Config = config, Environment = ProcessEnvironmentVariables.Instance });

    /// <summary>Reads ecsops.yaml (or nothing, when there is none) without building any AWS client.</summary>
    public static EcsOpsConfig LoadConfig(ParseResult parse, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(context);
        return ConfigLoader.Load(parse.GetValue(context.ConfigOption)?.FullName, ProcessEnvironmentVariables.Instance, Environment.CurrentDirectory);
    }
}
