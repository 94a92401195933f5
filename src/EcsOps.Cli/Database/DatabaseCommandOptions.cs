using System.CommandLine;
using EcsOps.Aws;
using EcsOps.Aws.Discovery;
using EcsOps.Cli.Hosting;
using EcsOps.Cli.Targeting;

namespace EcsOps.Cli.Database;

/// <summary>
/// What db backup and db restore both take: the container (selector and target flags), the connection, --dry-run,
/// --yes and --reason; the command built with them in the order its help lists them, and the container chosen.
/// Both are exec-like: every failure of ecsops's own exits 255.
/// </summary>
public sealed class DatabaseCommandOptions
{
    public DatabaseCommandOptions(string selectorDescription, string dryRunDescription, string yesDescription)
    {
        Selector = SelectorArgument.Create(selectorDescription);
        DryRun = new Option<bool>("--dry-run") { Description = dryRunDescription };
        Yes = new Option<bool>("--yes", "-y") { Description = yesDescription };
    }

    public Argument<string?> Selector { get; }

    public DatabaseConnectionOptions Connection { get; } = new();

    public Option<bool> DryRun { get; }

    public Option<bool> Yes { get; }

    public Option<string?> Reason { get; } = ReasonOption.Create();

    public TargetOptions Targets { get; } = new();

    /// <summary>
    /// The command with the selector, then <paramref name="ownOptions"/>, the connection options,
    /// <paramref name="afterConnection"/>, --dry-run, --yes, --reason and the target flags.
    /// </summary>
    public Command CreateCommand(string name, string description, IReadOnlyList<Option> ownOptions, IReadOnlyList<Option>? afterConnection = null)
    {
        ArgumentNullException.ThrowIfNull(ownOptions);
        var command = new EcsOpsCommand(name, description) { FailureExitCode = ExitCodes.EcsOpsError };
        command.Arguments.Add(Selector);
        foreach (var option in ownOptions)
        {
            command.Options.Add(option);
        }

        Connection.AddTo(command);
        foreach (var option in afterConnection ?? [])
        {
            command.Options.Add(option);
        }

        command.Options.Add(DryRun);
        command.Options.Add(Yes);
        command.Options.Add(Reason);
        Targets.AddTo(command);
        return command;
    }

    /// <summary>The one running container to work in; with <paramref name="throughExec"/>, refused when ECS Exec cannot reach it.</summary>
    public async Task<DiscoveredContainer> ChooseContainerAsync(
        ParseResult parse, AwsWorkspace workspace, CliContext context, bool throughExec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var (container, _) = await ContainerChooser.ChooseAsync(
            workspace, parse, Targets, parse.GetValue(Selector), context, ExitCodes.EcsOpsError, cancellationToken);
        if (throughExec)
        {
            ContainerChooser.EnsureExecReady(container, ExitCodes.EcsOpsError);
        }

        return container;
    }
}
