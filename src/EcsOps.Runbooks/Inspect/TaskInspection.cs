using System.Text;
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
/// the task definition knows. Secret values are masked unless revealed, and a reveal is recorded first.
/// </summary>
public sealed class TaskInspection(TaskInspector inspector, ContainerCommandRunner remote, ISecretRevealRecorder? revealRecorder)
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
            ? BuildEnvironment(definition, probe, execUnavailable, masker, request.Reveal, revealedVariables)
            : null;
        var files = request.Files.Count > 0 ? BuildFiles(request.Files, probe, execUnavailable, masker, request.Reveal, revealedFiles) : null;
        var definitions = request.Definitions ? await BuildDefinitionsAsync(container, facts, masker, request.Reveal, cancellationToken) : null;
        var stopped = request.Stopped ? (await inspector.ListStoppedAsync(container, facts, cancellationToken)).Select(Stopped).ToList() : null;
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
            Task = Summarize(container, facts),
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
            return (null, "exec failed: " + error.Message);
        }
    }

    private static EnvironmentReport BuildEnvironment(
        ContainerDefinition? definition, ProbeResult? probe, string? unavailable, SecretMasker masker, bool reveal, List<string> revealed)
    {
        var declared = (definition?.Environment ?? []).Where(v => v.Name is not null).ToDictionary(v => v.Name!, v => v.Value ?? "", StringComparer.Ordinal);
        var secrets = (definition?.Secrets ?? []).ToDictionary(s => s.Name, s => s.ValueFrom, StringComparer.Ordinal);
        var live = probe?.Environment;

        // Values of secrets are learnt first, so that a copy under an innocent name is masked too.
        foreach (var (name, value) in live ?? new Dictionary<string, string>())
        {
            if (secrets.ContainsKey(name) || SecretMasker.IsSecretName(name))
            {
                masker.AddKnownValue(value);
            }
        }

        foreach (var (name, value) in declared.Where(d => SecretMasker.IsSecretName(d.Key)))
        {
            masker.AddKnownValue(value);
        }

        var names = declared.Keys.Concat(secrets.Keys).Concat(live?.Keys ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var variables = new List<EnvironmentVariable>();
        foreach (var name in names)
        {
            string? liveValue = null;
            var isLive = live is not null && live.TryGetValue(name, out liveValue);
            if (secrets.TryGetValue(name, out var valueFrom))
            {
                var shown = liveValue is null ? null : reveal ? liveValue : SecretMasker.Mask;
                Reveal(name, liveValue is not null);
                variables.Add(new EnvironmentVariable(name, shown, shown == SecretMasker.Mask, "secret", valueFrom));
                continue;
            }

            var hasDeclared = declared.TryGetValue(name, out var declaredValue);
            var value = isLive ? liveValue! : declaredValue!;
            var (maskedValue, masked) = masker.MaskVariable(name, value);
            Reveal(name, masked);
            string? definitionValue = null;
            if (isLive && hasDeclared && declaredValue != liveValue)
            {
                definitionValue = reveal ? declaredValue : masker.MaskVariable(name, declaredValue!).Shown;
            }

            variables.Add(new EnvironmentVariable(
                name, reveal ? value : maskedValue, masked && !reveal, hasDeclared ? "environment" : "runtime", DefinitionValue: definitionValue));
        }

        return new EnvironmentReport { Live = live is not null, LiveUnavailable = live is null ? unavailable ?? "the container's environment could not be read" : null, Variables = variables };

        void Reveal(string name, bool wouldMask)
        {
            if (reveal && wouldMask)
            {
                revealed.Add(name);
            }
        }
    }

    private static List<FileReport> BuildFiles(
        IReadOnlyList<string> paths, ProbeResult? probe, string? unavailable, SecretMasker masker, bool reveal, List<string> revealed)
    {
        if (probe is null)
        {
            return [.. paths.Select(p => new FileReport { Path = p, Status = "unavailable", Text = unavailable })];
        }

        var files = new List<FileReport>();
        foreach (var file in probe.Files)
        {
            var text = file.Status == "ok" ? AsText(file.Content) : null;
            var (shown, masked) = text is null ? (null, false) : masker.MaskText(text);
            if (reveal && masked)
            {
                revealed.Add(file.Path);
            }

            files.Add(new FileReport
            {
                Path = file.Path,
                Status = file.Status,
                Size = file.Size,
                ShownBytes = file.Content.Length,
                Truncated = file.Truncated,
                Binary = file.Status == "ok" && text is null,
                Text = reveal ? text : shown,
                Masked = masked && !reveal,
            });
        }

        return files;
    }

    /// <summary>UTF-8 text without NULs, else null (binary). A cut in the middle of a character at the limit is fine.</summary>
    private static string? AsText(byte[] content)
    {
        if (content.AsSpan().Contains((byte)0))
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException) when (content.Length >= 3)
        {
            // The limit may have cut a multi-byte character; a text file stays text.
            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content, 0, content.Length - 3) + "…";
            }
            catch (DecoderFallbackException)
            {
                return null;
            }
        }
        catch (DecoderFallbackException)
        {
            return null;
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

    private static StoppedTaskSummary Stopped(EcsTask task) => new()
    {
        TaskId = task.TaskArn[(task.TaskArn.LastIndexOf('/') + 1)..],
        TaskDefinition = EcsArn.TaskDefinitionName(task.TaskDefinitionArn),
        StartedAt = task.StartedAt,
        StoppedAt = task.StoppedAt,
        StopCode = task.StopCode,
        StoppedReason = task.StoppedReason,
        Containers = [.. task.Containers.Select(c => new StoppedContainer(c.Name, c.ExitCode, c.Reason))],
    };

    private static TaskSummary Summarize(DiscoveredContainer container, TaskFacts facts)
    {
        var task = facts.Task;
        var addresses = (task.Attachments ?? [])
            .SelectMany(a => a.Details ?? [])
            .Where(d => d.Name == "privateIPv4Address" && d.Value is not null)
            .Select(d => d.Value!)
            .Concat(task.Containers.SelectMany(c => c.NetworkInterfaces ?? []).Select(n => n.PrivateIpv4Address).OfType<string>())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new TaskSummary
        {
            TaskArn = task.TaskArn,
            TaskId = container.TaskId,
            Cluster = container.ClusterName,
            Service = container.ServiceName,
            TaskDefinition = EcsArn.TaskDefinitionName(task.TaskDefinitionArn),
            LastStatus = task.LastStatus,
            DesiredStatus = task.DesiredStatus,
            HealthStatus = task.HealthStatus,
            LaunchType = task.LaunchType,
            PlatformVersion = task.PlatformVersion,
            Cpu = task.Cpu,
            Memory = task.Memory,
            CreatedAt = task.CreatedAt,
            StartedAt = task.StartedAt,
            StartedBy = task.StartedBy,
            AvailabilityZone = task.AvailabilityZone,
            PrivateIpv4Addresses = addresses,
            ExecEnabled = task.EnableExecuteCommand,
            ExecReady = container.Readiness.IsReady,
            ExecProblems = container.Readiness.Problems,
            Containers = [.. task.Containers.Select(c => new ContainerSummary
            {
                Name = c.Name,
                Image = c.Image,
                ImageDigest = c.ImageDigest,
                LastStatus = c.LastStatus,
                HealthStatus = c.HealthStatus,
                ExitCode = c.ExitCode,
                Reason = c.Reason,
                RuntimeId = c.RuntimeId,
                ExecAgentStatus = c.ManagedAgents?.FirstOrDefault(a => a.Name == "ExecuteCommandAgent")?.LastStatus,
            })],
        };
    }
}
