using EcsOps.Aws.Discovery;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Aws.Http;
using EcsOps.Aws.Inspect;
using EcsOps.Protocol;
using EcsOps.Protocol.Transport;
using EcsOps.Runbooks.Exec;

namespace EcsOps.Runbooks.Inspect;

/// <summary>
/// Builds the <see cref="InspectReport"/> of one container: the task summary always, and the sections the request
/// asks for. Environment and files need one exec session; when exec is impossible the report says why and shows what
/// the task definition knows (and <paramref name="execFailed"/>, when given, hears why first). Secret values are masked
/// unless revealed, and a reveal is recorded first.
/// </summary>
public sealed class TaskInspection(
    TaskInspector inspector, ContainerCommandRunner remote, ISecretRevealRecorder? revealRecorder,
    Func<Exception, CancellationToken, Task>? execFailed = null)
{
    public async Task<InspectReport> InspectAsync(DiscoveredContainer container, InspectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Reveal && revealRecorder is null)
        {
            throw new InvalidOperationException("--reveal needs a recorder for the audit event");
        }

        var facts = await inspector.DescribeAsync(container, cancellationToken);
        var definition = facts.Definition?.ContainerDefinitions.FirstOrDefault(c => c.Name == container.ContainerName);
        var (probe, execUnavailable) = request.NeedsExec ? await ProbeAsync(container, request, cancellationToken) : (null, null);
        var masker = new SecretMasker();
        var revealedVariables = new List<string>();
        var revealedFiles = new List<string>();
        var environment = request.Environment
            ? EnvironmentReportBuilder.Build(definition, probe, execUnavailable, masker, request.Reveal, revealedVariables)
            : null;
        var files = request.Files.Count > 0 ? FileReportBuilder.Build(request.Files, probe, execUnavailable, masker, request.Reveal, revealedFiles) : null;
        var definitions = request.Definitions ? await BuildDefinitionsAsync(container, facts, masker, request.Reveal, cancellationToken) : null;
        var stopped = request.Stopped ? (await inspector.ListStoppedAsync(container, facts, cancellationToken)).Select(TaskSummaries.Stopped).ToList() : null;
        var logs = request.LogLines > 0
            ? BuildLogs(await inspector.ReadLogTailAsync(container, facts, request.LogLines, cancellationToken), masker, request.Reveal)
            : null;

        if (request.Reveal)
        {
            // The one place a reveal is recorded: before any unmasked value leaves this class. A failure aborts.
            await revealRecorder!.RecordAsync(new SecretReveal(container.Path, container.TaskArn, revealedVariables, revealedFiles), cancellationToken);
        }

        return new InspectReport
        {
            Target = container.Path,
            Task = TaskSummaries.Summarize(container, facts),
            Definitions = definitions,
            Environment = environment,
            Files = files,
            Stopped = stopped,
            Logs = logs,
            Revealed = request.Reveal,
        };
    }

    private async Task<(ProbeResult? Probe, string? Unavailable)> ProbeAsync(
        DiscoveredContainer container, InspectRequest request, CancellationToken cancellationToken)
    {
        if (!container.Readiness.IsReady)
        {
            return (null, "exec is not possible: " + string.Join("; ", container.Readiness.Problems));
        }

        try
        {
            return (await new ContainerProbe(remote).ProbeAsync(request.Files, request.FileLimit, cancellationToken), null);
        }
        catch (Exception error) when (error is InspectException or ExecSessionException or AwsServiceException or AwsConnectionException
                                          or TransportException or ProtocolException)
        {
            if (execFailed is not null)
            {
                await execFailed(error, cancellationToken);
            }

            return (null, "exec failed: " + error.Message);
        }
    }

    private async Task<DefinitionReport?> BuildDefinitionsAsync(
        DiscoveredContainer container, TaskFacts facts, SecretMasker masker, bool reveal, CancellationToken cancellationToken)
    {
        if (await inspector.CompareDefinitionsAsync(container, facts, cancellationToken) is not { } comparison)
        {
            return null;
        }

        var running = TaskDefinitionSummary.Lines(comparison.Running, masker, reveal);
        var other = comparison.Other is null ? null : TaskDefinitionSummary.Lines(comparison.Other, masker, reveal);
        return new DefinitionReport
        {
            Running = Name(comparison.Running),
            Compared = comparison.Other is null ? null : Name(comparison.Other),
            ComparedRole = comparison.OtherRole,
            Summary = [.. running.Select(l => l.Shown)],
            Diff = other is null ? [] : LineDiff.Unified(running, other, l => l.Text, l => l.Shown),
        };

        static string Name(TaskDefinition definition) => $"{definition.Family}:{definition.Revision}";
    }

    private static LogReport BuildLogs(LogTail tail, SecretMasker masker, bool reveal) => new()
    {
        Group = tail.Group,
        Stream = tail.Stream,
        Region = tail.Region,
        Unavailable = tail.Unavailable,
        Lines = [.. tail.Events.Select(e => new LogLine(
            DateTimeOffset.FromUnixTimeMilliseconds(e.Timestamp),
            reveal ? e.Message ?? "" : masker.MaskText(e.Message ?? "").Shown))],
    };
}
