using System.CommandLine;
using System.Text.Json;
using EcsOps.Aws.Audit;
using EcsOps.Aws.Audit.CloudWatch;
using EcsOps.Aws.Audit.Jsonl;
using EcsOps.Cli.Hosting;
using EcsOps.Cli.Rendering;

namespace EcsOps.Cli.Commands;

/// <summary>
/// <c>ecsops audit tail [--since DURATION|TIME] [--follow] [--run ID] [--source file|cloudwatch] [--output text|json]</c>:
/// audit events oldest first, one per line; JSON is one event object per line.
/// </summary>
public static class AuditTailCommand
{
    public static readonly string[] Formats = ["text", "json"];
    public static readonly string[] Sources = ["file", "cloudwatch"];

    private static readonly TimeSpan s_filePoll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_cloudWatchPoll = TimeSpan.FromSeconds(5);

    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var since = SinceOption.Create(TimeProvider.System);
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new events until Ctrl-C" };
        var run = new Option<string?>("--run") { Description = "Only the events of this run id" };
        var source = new Option<string>("--source") { Description = "file (this machine) or cloudwatch (audit.cloudwatch)", DefaultValueFactory = _ => "file" };
        source.AcceptOnlyFromAmong(Sources);
        var output = OutputOption.Create("text", "text or json (one event per line)");
        var tail = new EcsOpsCommand("tail", "Print audit events, oldest first (the local file, or the CloudWatch Logs group)")
        {
            since, follow, run, source, output,
        };
        tail.SetAction(async (parse, cancellationToken) =>
        {
            var runId = parse.GetValue(run) is { } text
                ? AuditRunId.TryParse(text, out var parsed) ? parsed.Value : throw new UserFacingException($"'{text}' is not a run id", ExitCodes.Usage)
                : null;
            var json = parse.GetValue(output) == "json";
            var writer = context.Console.Profile.Out.Writer;
            using var workspace = parse.GetValue(source) == "cloudwatch" ? WorkspaceFactory.Create(parse, context) : null;
            var events = workspace is null
                ? AuditFileReader.ReadEventsAsync(
                    AuditCommand.LocalFile(WorkspaceFactory.LoadConfig(parse, context)), parse.GetValue(since), parse.GetValue(follow), s_filePoll, TimeProvider.System, cancellationToken)
                : await CloudWatchEventsAsync(workspace, parse.GetValue(since), parse.GetValue(follow), cancellationToken);
            await foreach (var auditEvent in events)
            {
                if (runId is not null && auditEvent.RunId != runId)
                {
                    continue;
                }

                await writer.WriteLineAsync(json ? JsonSerializer.Serialize(auditEvent, AuditJsonContext.Default.AuditEvent) : AuditEventText.Format(auditEvent));
                await writer.FlushAsync(cancellationToken);
            }

            return ExitCodes.Ok;
        });
        return tail;
    }

    private static async Task<IAsyncEnumerable<AuditEvent>> CloudWatchEventsAsync(
        Aws.AwsWorkspace workspace, DateTimeOffset? since, bool follow, CancellationToken cancellationToken)
    {
        var cloudWatch = workspace.Config.Audit.CloudWatch
            ?? throw new UserFacingException("audit.cloudwatch is not configured in ecsops.yaml, so there is no CloudWatch trail to read");
        var logs = workspace.Factory.CreateLogs(cloudWatch.Region ?? workspace.HomeRegion, await workspace.CredentialsForAsync(cloudWatch.Account, cancellationToken));
        return new CloudWatchAuditReader(logs, cloudWatch.LogGroup).ReadAsync(since, follow, s_cloudWatchPoll, TimeProvider.System, cancellationToken);
    }
}
