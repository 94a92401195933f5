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
/// <c>ecsops db backup [SELECTOR] --to s3://bucket/prefix [--comment TEXT] [--database-url-env NAME | --secret ARN]
/// [--as-task] [--dry-run] [--yes] [--reason TEXT]</c>: pg_dump in the container, streamed through ECS Exec into S3, or
/// with --as-task in a one-off task of the service that writes to S3 itself; either way a SHA-256 manifest follows.
/// Audited as <c>db-backup</c>. Prints the dump's s3:// address on stdout. pg_dump's own failures exit with its
/// status, ecsops's with 255.
/// </summary>
public static class DbBackupCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var to = S3UrlArgument.RequiredOption("--to", "The S3 folder for the dump, s3://bucket/prefix");
        var comment = new Option<string?>("--comment") { Description = "Why: goes into the file name (as a slug) and the metadata", HelpName = "TEXT" };
        var asTask = new Option<bool>("--as-task")
        {
            Description = "Dump in a one-off task of the service (its task definition and role) that writes to S3 itself; for big databases",
        };
        var common = new DatabaseCommandOptions(
            "[account/][region/]cluster[/service][/container] whose database and pg_dump to use, or a named target",
            dryRunDescription: "Probe the database and show the plan; write nothing",
            yesDescription: "Do not ask before starting");
        var (connection, dryRun, yes, reason) = (common.Connection, common.DryRun, common.Yes, common.Reason);
        var backup = common.CreateCommand(
            "backup", "Dump a container's PostgreSQL database (pg_dump -Fc) to S3 through ECS Exec or a one-off task", [to, comment], [asTask]);
        backup.SetAction(async (parse, cancellationToken) =>
        {
            var destination = S3UrlArgument.Parse(parse, to);
            using var workspace = WorkspaceFactory.Create(parse, context);
            var container = await common.ChooseContainerAsync(parse, workspace, context, throughExec: !parse.GetValue(asTask), cancellationToken);
            var mode = parse.GetValue(asTask) ? "task" : "exec";
            var start = new AuditStart
            {
                Action = AuditActions.DbBackup,
                Command = $"ecsops db backup {container.Path} --to {destination}{(parse.GetValue(asTask) ? " --as-task" : "")}{(parse.GetValue(dryRun) ? " --dry-run" : "")}",
                Parameters = new Dictionary<string, string>
                {
                    ["to"] = destination.ToString(),
                    ["comment"] = parse.GetValue(comment) ?? "",
                    ["connection"] = connection.Describe(parse),
                    ["mode"] = mode,
                    ["dryRun"] = parse.GetValue(dryRun) ? "true" : "false",
                },
                Target = AuditTarget.Of(container),
                Reason = parse.GetValue(reason),
            };
            return await AuditScope.RunAsync(
                context,
                workspace,
                start,
                (run, ct) => SessionFailureDoctor.RunAsync(
                    workspace,
                    container,
                    context,
                    () => BackupAsync(context, parse, workspace, container, run, new Choices(destination, parse.GetValue(comment), parse.GetValue(asTask),
                        parse.GetValue(dryRun), parse.GetValue(yes), connection), ct),
                    ct),
                ExitCodes.EcsOpsError,
                cancellationToken);
        });
        return backup;
    }

    private sealed record Choices(S3Url Destination, string? Comment, bool AsTask, bool DryRun, bool Yes, DatabaseConnectionOptions Connection);

    private static async Task<int> BackupAsync(
        CliContext context, ParseResult parse, AwsWorkspace workspace, DiscoveredContainer container, AuditedRun run, Choices choices,
        CancellationToken cancellationToken)
    {
        var runbooks = new PostgresRunbooks(workspace, context.Interrupts, run);
        var source = await choices.Connection.ResolveAsync(parse, runbooks, container, cancellationToken);
        using var store = await runbooks.OpenStoreAsync(container, cancellationToken);
        var runbook = runbooks.Backup(store);
        var request = new BackupRequest(
            container, choices.Destination, choices.Comment, source, run.RunId.Value, choices.AsTask, DatabaseSettings.Load(workspace.Config).AsTaskAboveBytes);
        var plan = await context.Diagnostics.Status().StartAsync(
            $"probing the database in {Markup.Escape(container.Path)}…", _ => runbook.PlanAsync(request, cancellationToken));
        BackupPlanView.Build(plan).Write(context.Diagnostics);
        if (choices.DryRun)
        {
            return ExitCodes.Ok;
        }

        if (!choices.Yes && Confirmation.CanAsk(context) && !await Confirmation.AskAsync(context, "Start the backup?", cancellationToken))
        {
            throw new UserFacingException("backup cancelled; nothing was written", ExitCodes.Failed);
        }

        var meter = new TransferMeter();
        var result = await DatabaseTransfer.RunAsync(context, meter, () => runbook.RunAsync(plan, meter, cancellationToken));
        DatabaseTransfer.ShowToolMessages(context, "pg_dump", result.ToolMessages);
        context.Diagnostics.MarkupLine(
            $"stored {Markup.Escape(result.Dump.Location.ToString())}: {ByteSize.Format(result.Dump.Size)}, "
            + $"sha256 {result.Dump.Sha256}, in {DurationText.Format(result.Elapsed)} (run {run.RunId})");
        context.Console.Profile.Out.Writer.WriteLine(result.Dump.Location.ToString());
        return ExitCodes.Ok;
    }
}
