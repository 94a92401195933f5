using System.Collections.Concurrent;
using System.Text.Json;
using EcsOps.Aws.Accounts;
using EcsOps.Aws.Http;
using EcsOps.Aws.Logs;
using EcsOps.Aws.Logs.Model;

namespace EcsOps.Aws.Audit.CloudWatch;

/// <summary>
/// Audit events to CloudWatch Logs: one log event per audit event (its JSON), in the stream
/// <c>yyyy/MM/dd/&lt;operator&gt;</c> of the configured group. The group and the stream are created when missing
/// (logs:CreateLogGroup, logs:CreateLogStream), so a fresh account needs no setup beyond IAM.
/// </summary>
public sealed class CloudWatchAuditSink : IAuditSink
{
    private readonly Func<CancellationToken, Task<LogsClient>> _client;
    private readonly ConcurrentDictionary<string, bool> _knownStreams = new(StringComparer.Ordinal);

    /// <param name="client">The Logs client, with credentials for the group's account (made on first use).</param>
    /// <param name="logGroup">The group, e.g. <c>/ecsops/audit</c>.</param>
    /// <param name="place">Where the group is, for messages (<c>us-east-1</c>, <c>prod/us-east-1</c>).</param>
    public CloudWatchAuditSink(Func<CancellationToken, Task<LogsClient>> client, string logGroup, string place)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(logGroup);
        _client = client;
        LogGroup = logGroup;
        Description = $"cloudwatch {logGroup} ({place})";
    }

    public string LogGroup { get; }

    public string Description { get; }

    /// <summary>The stream an event goes to: its UTC day and the caller's name.</summary>
    public static string StreamName(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var who = auditEvent.Who.Arn[(auditEvent.Who.Arn.LastIndexOf('/') + 1)..];
        var name = OperatorIdentity.ToSessionName(who.Length > 0 ? who : auditEvent.Who.AccountId);
        return $"{auditEvent.Time.UtcDateTime:yyyy'/'MM'/'dd}/{name}";
    }

    public async Task WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var client = await _client(cancellationToken);
        var stream = StreamName(auditEvent);
        var request = new PutLogEventsRequest
        {
            LogGroupName = LogGroup,
            LogStreamName = stream,
            LogEvents =
            [
                new InputLogEvent
                {
                    Timestamp = auditEvent.Time.ToUnixTimeMilliseconds(),
                    Message = JsonSerializer.Serialize(auditEvent, AuditJsonContext.Default.AuditEvent),
                },
            ],
        };
        if (!_knownStreams.ContainsKey(stream))
        {
            await EnsureStreamAsync(client, stream, cancellationToken);
            _knownStreams[stream] = true;
        }

        PutLogEventsResponse response;
        try
        {
            response = await client.PutLogEventsAsync(request, cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            // Deleted since we last looked.
            await EnsureStreamAsync(client, stream, cancellationToken);
            response = await client.PutLogEventsAsync(request, cancellationToken);
        }

        if (response.RejectedLogEventsInfo is { } rejected
            && (rejected.TooNewLogEventStartIndex is not null || rejected.TooOldLogEventEndIndex is not null || rejected.ExpiredLogEventEndIndex is not null))
        {
            throw new InvalidResponseException("CloudWatch Logs rejected the event's timestamp (is this machine's clock right?)");
        }
    }

    private async Task EnsureStreamAsync(LogsClient client, string stream, CancellationToken cancellationToken)
    {
        try
        {
            await CreateIfMissingAsync(() => client.CreateLogStreamAsync(new CreateLogStreamRequest { LogGroupName = LogGroup, LogStreamName = stream }, cancellationToken));
        }
        catch (ResourceNotFoundException)
        {
            await CreateIfMissingAsync(() => client.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = LogGroup }, cancellationToken));
            await CreateIfMissingAsync(() => client.CreateLogStreamAsync(new CreateLogStreamRequest { LogGroupName = LogGroup, LogStreamName = stream }, cancellationToken));
        }
    }

    private static async Task CreateIfMissingAsync(Func<Task<EmptyResponse>> create)
    {
        try
        {
            await create();
        }
        catch (AwsServiceException error) when (error.ErrorCode == "ResourceAlreadyExistsException")
        {
            // Another writer made it first.
        }
    }
}
