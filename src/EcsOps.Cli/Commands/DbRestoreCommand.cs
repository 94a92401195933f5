using System.CommandLine;
using EcsOps.Aws;
using EcsOps.Aws.Artifacts;
using EcsOps.Aws.Audit;
using EcsOps.Aws.Discovery;
using EcsOps.Cli.Database;
using EcsOps.Cli.Hosting;
using EcsOps.Cli.Rendering;
using EcsOps.Cli.Targeting;
using EcsOps.Runbooks.Postgres;
using Spectre.Console;

namespace EcsOps.Cli.Commands;

/// <summary>
/// <c>ecsops db restore [SELECTOR] --from s3://bucket/key [--clean] [--single-transaction] [--database-url-env NAME |
/// --secret ARN] [--dry-run] [--yes] [--reason TEXT]</c>: downloads the dump, verifies it against its manifest, and only
/// then streams it into pg_restore in the container. Asks for the database's name on a terminal; elsewhere needs
/// --yes. Audited as <c>db-restore</c>. pg_restore's failures exit with its status, ecsops's with 255.
/// </summary>
public static class DbRestoreCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var from = S3UrlArgument.RequiredOption("--from", "The dump, s3://bucket/key.dump");
        var clean = new Option<bool>("--clean") { Description = "Drop each object before recreating it (pg_restore --clean --if-exists)" };
        var singleTransaction = new Option<bool>("--single-transaction")
        {
            Description = "All or nothing: a failure rolls the whole restore back (needs locks on every object at once)",
        };
        var common = new DatabaseCommandOptions(
            "[account/][region/]cluster[/service][/container] whose database to restore into, or a named target",
            dryRunDescription: "Check the backup and the container and show the plan; change nothing",
            yesDescription: "Do not ask; required when there is no terminal");
        var (connection, dryRun, yes, reason) = (common.Connection, common.DryRun, common.Yes, common.Reason);
        var restore = common.CreateCommand(
            "restore", "Restore a verified S3 dump into a container's PostgreSQL database through ECS Exec", [from, clean, singleTransaction]);
        restore.SetAction(async (parse, cancellationToken) =>
        {
            var source = S3UrlArgument.Parse(parse, from);
            using var workspace = WorkspaceFactory.Create(parse, context);
            var container = await common.ChooseContainerAsync(parse, workspace, context, throughExec: true, cancellationToken);
            var choices = new Choices(
                source, parse.GetValue(clean), parse.GetValue(singleTransaction), parse.GetValue(dryRun), parse.GetValue(yes), connection);
            var start = new AuditStart
            {
                Action = AuditActions.DbRestore,
                Command = $"ecsops db restore {container.Path} --from {source}{(choices.Clean ? " --clean" : "")}"
                    + $"{(choices.SingleTransaction ? " --single-transaction" : "")}{(choices.DryRun ? " --dry-run" : "")}",
                Parameters = new Dictionary<string, string>
                {
                    ["from"] = source.ToString(),
                    ["clean"] = choices.Clean ? "true" : "false",
                    ["singleTransaction"] = choices.SingleTransaction ? "true" : "false",
                    ["connection"] = connection.Describe(parse),
                    ["dryRun"] = choices.DryRun ? "true" : "false",
                },
                Target = AuditTarget.Of(container),
                Reason = parse.GetValue(reason),
            };
            return await AuditScope.RunAsync(
                context,
                workspace,
                start,
                (run, ct) => SessionFailureDoctor.RunAsync(
                    workspace, container, context, () => RestoreAsync(context, parse, workspace, container, run, choices, ct), ct),
                ExitCodes.EcsOpsError,
                cancellationToken);
        });
        return restore;
    }

    private sealed record Choices(S3Url Source, bool Clean, bool SingleTransaction, bool DryRun, bool Yes, DatabaseConnectionOptions Connection);

    private static async Task<int> RestoreAsync(
        CliContext context, ParseResult parse, AwsWorkspace workspace, DiscoveredContainer container, AuditedRun run, Choices choices,
        CancellationToken cancellationToken)
    {
        var runbooks = new PostgresRunbooks(workspace, context.Interrupts, run);
        var databaseConnection = await choices.Connection.ResolveAsync(parse, runbooks, container, cancellationToken);
        using var store = await runbooks.OpenStoreAsync(container, cancellationToken);
        var runbook = runbooks.Restore(store);
        var request = new RestoreRequest(
            container, choices.Source, databaseConnection, run.RunId.Value, choices.Clean, choices.SingleTransaction,
            DatabaseSettings.Load(workspace.Config).TempDirectory ?? Path.GetTempPath());
        var plan = await context.Diagnostics.Status().StartAsync(
            $"checking {Markup.Escape(choices.Source.ToString())} and {Markup.Escape(container.Path)}…", _ => runbook.PlanAsync(request, cancellationToken));
        RestorePlanView.Build(plan).Write(context.Diagnostics);
        if (choices.DryRun)
        {
            return ExitCodes.Ok;
        }

        await ConfirmAsync(context, plan, choices.Yes, cancellationToken);
        var meter = new TransferMeter();
        var result = await DatabaseTransfer.RunAsync(context, meter, () => runbook.RunAsync(plan, meter, cancellationToken));
        DatabaseTransfer.ShowToolMessages(context, "pg_restore", result.ToolMessages);
        context.Diagnostics.MarkupLine(
            $"restored {Markup.Escape(choices.Source.ToString())} ({ByteSize.Format(result.Size)}, sha256 verified) into "
            + $"{Markup.Escape(plan.DatabaseName ?? container.Path)} in {DurationText.Format(result.Elapsed)} (run {run.RunId})");
        return ExitCodes.Ok;
    }

    /// <summary>On a terminal the operator types the database's name (or the container's, when psql could not tell); elsewhere --yes is required.</summary>
    private static async Task ConfirmAsync(CliContext context, RestorePlan plan, bool yes, CancellationToken cancellationToken)
    {
        if (yes)
        {
            return;
        }

        var container = plan.Request.Container;
        var (what, expected) = plan.DatabaseName is { } database ? ("database", database) : ("container", container.ContainerName);
        if (!Confirmation.CanAsk(context))
        {
            throw new UserFacingException(
                $"restoring overwrites the {what} {expected} in {container.Path}; pass --yes to confirm without a terminal", ExitCodes.Usage);
        }

        if (!await Confirmation.TypeToConfirmAsync(
                context, $"This overwrites {Markup.Escape(what)} [bold]{Markup.Escape(expected)}[/]. Type its name to continue:", expected, cancellationToken))
        {
            throw new UserFacingException("restore cancelled: the name did not match; the database was not touched", ExitCodes.Failed);
        }
    }
}
