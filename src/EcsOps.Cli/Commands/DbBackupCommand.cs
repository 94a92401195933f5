using System.CommandLine;
using EcsOps.Cli.Database;
using EcsOps.Cli.Hosting;
using EcsOps.Cli.Rendering;
using EcsOps.Cli.Targeting;
using EcsOps.Runbooks.Postgres;
using EcsOps.Runbooks.Running;
using Spectre.Console;

namespace EcsOps.Cli.Commands;

/// <summary>
/// <c>ecsops db backup [SELECTOR] --to s3://bucket/prefix [--comment TEXT] [--database-url-env NAME | --secret ARN]
/// [--as-task] [--dry-run] [--yes]</c>: pg_dump in the container, streamed through ECS Exec into S3, or with --as-task
/// in a one-off task of the service that writes to S3 itself; either way a SHA-256 manifest follows. Prints the dump's
/// s3:// address on stdout. pg_dump's own failures exit with its status, ecsops's with 255.
/// </summary>
public static class DbBackupCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var selector = new Argument<string?>("selector")
        {
            Description = "[account/][region/]cluster[/service][/container] whose database and pg_dump to use, or a named target",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var to = new Option<string>("--to") { Description = "The S3 folder for the dump, s3://bucket/prefix", Required = true, HelpName = "S3URL" };
        var comment = new Option<string?>("--comment") { Description = "Why: goes into the file name (as a slug) and the metadata", HelpName = "TEXT" };
        var asTask = new Option<bool>("--as-task")
        {
            Description = "Dump in a one-off task of the service (its task definition and role) that writes to S3 itself; for big databases",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Probe the database and show the plan; write nothing" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask before starting" };
        var connection = new DatabaseConnectionOptions();
        var targets = new TargetOptions();
        var backup = new EcsOpsCommand("backup", "Dump a container's PostgreSQL database (pg_dump -Fc) to S3 through ECS Exec")
        {
            FailureExitCode = ExitCodes.EcsOpsError,
        };
        backup.Arguments.Add(selector);
        backup.Options.Add(to);
        backup.Options.Add(comment);
        connection.AddTo(backup);
        backup.Options.Add(asTask);
        backup.Options.Add(dryRun);
        backup.Options.Add(yes);
        targets.AddTo(backup);
        backup.SetAction(async (parse, cancellationToken) =>
        {
            var destination = S3UrlArgument.Parse("--to", parse.GetValue(to)!);
            using var workspace = WorkspaceFactory.Create(parse, context);
            var (container, _) = await ContainerChooser.ChooseAsync(
                workspace, parse.GetValue(selector), targets.Flags(parse), parse.GetValue(targets.Refresh), context, ExitCodes.EcsOpsError, cancellationToken);
            if (!parse.GetValue(asTask))
            {
                ContainerChooser.EnsureExecReady(container, ExitCodes.EcsOpsError);
            }

            var runbooks = new PostgresRunbooks(workspace, context.Interrupts);
            var source = await connection.ResolveAsync(parse, runbooks, container, cancellationToken);
            using var store = await runbooks.OpenStoreAsync(container, cancellationToken);
            var runbook = runbooks.Backup(store);
            var request = new BackupRequest(
                container, destination, parse.GetValue(comment), source, RunId.New(TimeProvider.System).Value, parse.GetValue(asTask),
                DatabaseSettings.Load(workspace.Config).AsTaskAboveBytes);
            var plan = await context.Diagnostics.Status().StartAsync(
                $"probing the database in {Markup.Escape(container.Path)}…", _ => runbook.PlanAsync(request, cancellationToken));
            BackupPlanView.Build(plan).Write(context.Diagnostics);
            if (parse.GetValue(dryRun))
            {
                return ExitCodes.Ok;
            }

            if (!parse.GetValue(yes) && Confirmation.CanAsk(context)
                && !await Confirmation.AskAsync(context, "Start the backup?", cancellationToken))
            {
                throw new UserFacingException("backup cancelled; nothing was written", ExitCodes.Failed);
            }

            var meter = new TransferMeter();
            BackupResult result;
            try
            {
                result = await TransferProgressDisplay.RunAsync(context, meter, () => runbook.RunAsync(plan, meter, cancellationToken));
            }
            catch (DatabaseToolFailedException error) when (error.ExitStatus is { } status)
            {
                throw new UserFacingException(error.Message, status, error);
            }

            if (result.ToolMessages is { } messages)
            {
                context.Diagnostics.MarkupLine($"[yellow]pg_dump said:[/] {Markup.Escape(messages)}");
            }

            context.Diagnostics.MarkupLine(
                $"stored {Markup.Escape(result.Dump.Location.ToString())}: {ByteSize.Format(result.Dump.Size)}, "
                + $"sha256 {result.Dump.Sha256}, in {DurationText.Format(result.Elapsed)}");
            context.Console.Profile.Out.Writer.WriteLine(result.Dump.Location.ToString());
            return ExitCodes.Ok;
        });
        return backup;
    }
}
