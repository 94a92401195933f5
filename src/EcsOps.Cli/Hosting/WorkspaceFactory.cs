using System.CommandLine;
using EcsOps.Aws;
using EcsOps.Aws.Config;

namespace EcsOps.Cli.Hosting;

/// <summary>Loads ecsops.yaml (--config, ECSOPS_CONFIG, walk-up, XDG) and builds the AWS workspace of one invocation.</summary>
public static class WorkspaceFactory
{
    public static AwsWorkspace Create(ParseResult parse, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(context);
        var environment = ProcessEnvironmentVariables.Instance;
        var config = ConfigLoader.Load(parse.GetValue(context.ConfigOption)?.FullName, environment, Environment.CurrentDirectory);
        return new AwsWorkspace(new AwsWorkspaceOptions { Config = config, Environment = environment });
    }
}
