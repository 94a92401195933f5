using System.CommandLine;
using System.Globalization;
using EcsOps.Aws.Audit;
using EcsOps.Aws.Audit.Transcripts;
using EcsOps.Aws.Config;
using EcsOps.Cli.Hosting;

namespace EcsOps.Cli.Commands;

/// <summary>
/// <c>ecsops audit replay RUN_ID [--speed X] [--idle-limit DURATION]</c>: fetches a recorded shell session's parts
/// from S3 (<c>audit.transcripts</c>) and plays its output in this terminal with the recorded timing.
/// </summary>
public static class AuditReplayCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var runId = new Argument<string>("run-id") { Description = "The run id of an interactive session (see 'ecsops audit tail')" };
        var speed = new Option<double>("--speed") { Description = "Playback speed (2 = twice as fast)", DefaultValueFactory = _ => 1 };
        speed.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (> 0 and <= 1000))
            {
                result.AddError("--speed must be more than 0 and at most 1000");
            }
        });
        var idleLimit = new Option<string>("--idle-limit")
        {
            Description = "The longest pause played, however long the recorded one (a duration)",
            DefaultValueFactory = _ => TranscriptPlayer.DefaultIdleLimit.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s",
        };
        var replay = new EcsOpsCommand("replay", "Play back a recorded interactive session")
        {
            runId, speed, idleLimit,
        };
        replay.SetAction(async (parse, cancellationToken) =>
        {
            var run = AuditRunId.TryParse(parse.GetValue(runId), out var parsed)
                ? parsed
                : throw new UserFacingException($"'{parse.GetValue(runId)}' is not a run id", ExitCodes.Usage);
            var idle = ConfigDuration.TryParse(parse.GetValue(idleLimit)!, out var limit)
                ? limit
                : throw new UserFacingException($"--idle-limit must be a duration such as 2s or 500ms, not '{parse.GetValue(idleLimit)}'", ExitCodes.Usage);
            using var workspace = WorkspaceFactory.Create(parse, context);
            using var store = S3TranscriptStore.For(workspace)
                ?? throw new UserFacingException("audit.transcripts is not configured in ecsops.yaml, so there are no recorded sessions to replay");
            var uris = await store.ListAsync(run.Value, cancellationToken);
            if (uris.Count == 0)
            {
                throw new UserFacingException($"no transcript of run {run} in s3://{store.Bucket}/{store.Prefix}{run}/ (only interactive shells are recorded)");
            }

            var parts = new List<string>();
            foreach (var uri in uris)
            {
                parts.Add(System.Text.Encoding.UTF8.GetString(await store.GetAsync(uri, cancellationToken)));
            }

            IReadOnlyList<AsciicastEvent> events;
            try
            {
                events = TranscriptPlayer.Join(parts).Events;
            }
            catch (FormatException error)
            {
                throw new UserFacingException($"the transcript of run {run} is damaged: {error.Message}");
            }

            await using var stdout = context.Streams.OpenStandardOutput();
            await new TranscriptPlayer(TimeProvider.System).PlayAsync(events, stdout, parse.GetValue(speed), idle, cancellationToken);
            return ExitCodes.Ok;
        });
        return replay;
    }
}
