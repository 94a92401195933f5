using EcsOps.Aws.Ecs.Model;
using EcsOps.Sandbox.Logs;

namespace EcsOps.Sandbox.Containers;

/// <summary>
/// The awslogs log driver for one container: its stdout and stderr lines become events of the stream
/// <c>&lt;awslogs-stream-prefix&gt;/&lt;container&gt;/&lt;task id&gt;</c> in <c>awslogs-group</c> of the sandbox's
/// CloudWatch Logs, timestamped when the line is read.
/// </summary>
internal sealed class AwsLogsStream
{
    public const string DriverName = "awslogs";

    private readonly LogStore _logs;
    private readonly string _accountId;
    private readonly string _region;

    private AwsLogsStream(LogStore logs, string accountId, string region, string group, string stream)
    {
        _logs = logs;
        _accountId = accountId;
        _region = region;
        GroupName = group;
        StreamName = stream;
    }

    public string GroupName { get; }
    public string StreamName { get; }

    /// <summary>
    /// Validates the driver options and creates the stream (and the group with <c>awslogs-create-group: "true"</c>);
    /// null when the container does not log with awslogs.
    /// </summary>
    /// <exception cref="ContainerProcessStartException">No awslogs-group, or the group does not exist and may not be created.</exception>
    public static AwsLogsStream? Open(LogStore logs, LogConfiguration? configuration, string accountId, string taskRegion, string containerName, string taskId)
    {
        if (configuration?.LogDriver != DriverName)
        {
            return null;
        }

        var options = configuration.Options ?? new Dictionary<string, string>();
        var group = options.GetValueOrDefault("awslogs-group")
            ?? throw new ContainerProcessStartException("ResourceInitializationError: failed to validate logger args: awslogs-group is required");
        var region = options.GetValueOrDefault("awslogs-region") ?? taskRegion;
        var stream = options.GetValueOrDefault("awslogs-stream-prefix") is { Length: > 0 } prefix
            ? $"{prefix}/{containerName}/{taskId}"
            : $"{containerName}/{taskId}";
        var createGroup = string.Equals(options.GetValueOrDefault("awslogs-create-group"), "true", StringComparison.OrdinalIgnoreCase);
        var now = logs.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        logs.Use(accountId, region, groups =>
        {
            if (!groups.TryGetValue(group, out var state))
            {
                if (!createGroup)
                {
                    throw new ContainerProcessStartException(
                        $"ResourceInitializationError: failed to validate logger args: The specified log group does not exist: {group} in {region}");
                }

                state = new LogGroupState(group, $"arn:aws:logs:{region}:{accountId}:log-group:{group}", now);
                groups[group] = state;
            }

            if (!state.Streams.ContainsKey(stream))
            {
                state.Streams[stream] = new LogStreamState(stream, $"{state.ArnPrefix}:log-stream:{stream}", now);
            }

            return 0;
        });
        return new AwsLogsStream(logs, accountId, region, group, stream);
    }

    /// <summary>Appends one event; empty lines are skipped (CloudWatch rejects empty messages).</summary>
    public void Append(string line)
    {
        if (line.Length == 0)
        {
            return;
        }

        var now = _logs.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        _logs.Use(_accountId, _region, groups =>
        {
            if (groups.TryGetValue(GroupName, out var group) && group.Streams.TryGetValue(StreamName, out var stream))
            {
                stream.Add(new StoredLogEvent(now, line, now, stream.NextSequence++));
                stream.LastIngestionTime = now;
            }

            return 0;
        });
    }
}
