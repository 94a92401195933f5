using EcsOps.Aws.Http;
using EcsOps.Aws.Logs.Model;

namespace EcsOps.Aws.Logs;

/// <summary>
/// Amazon CloudWatch Logs over AWS JSON 1.1, shaped like <c>AmazonCloudWatchLogsClient</c> of the AWS SDK.
/// Create one through <see cref="AwsClientFactory"/>.
/// </summary>
public sealed class LogsClient(AwsJsonClient transport)
{
    /// <summary>The <c>X-Amz-Target</c> prefix of CloudWatch Logs.</summary>
    public const string TargetPrefix = "Logs_20140328";

    private static LogsJsonContext Json => LogsJsonContext.Default;

    public AwsJsonClient Transport => transport;

    public Task<EmptyResponse> CreateLogGroupAsync(CreateLogGroupRequest request, CancellationToken cancellationToken) =>
        transport.InvokeAsync("CreateLogGroup", request, Json.CreateLogGroupRequest, Json.EmptyResponse, cancellationToken);

    public Task<EmptyResponse> CreateLogStreamAsync(CreateLogStreamRequest request, CancellationToken cancellationToken) =>
        transport.InvokeAsync("CreateLogStream", request, Json.CreateLogStreamRequest, Json.EmptyResponse, cancellationToken);

    public Task<PutLogEventsResponse> PutLogEventsAsync(PutLogEventsRequest request, CancellationToken cancellationToken) =>
        transport.InvokeAsync("PutLogEvents", request, Json.PutLogEventsRequest, Json.PutLogEventsResponse, cancellationToken);

    public Task<GetLogEventsResponse> GetLogEventsAsync(GetLogEventsRequest request, CancellationToken cancellationToken) =>
        transport.InvokeAsync("GetLogEvents", request, Json.GetLogEventsRequest, Json.GetLogEventsResponse, cancellationToken);

    public Task<FilterLogEventsResponse> FilterLogEventsAsync(FilterLogEventsRequest request, CancellationToken cancellationToken) =>
        transport.InvokeAsync("FilterLogEvents", request, Json.FilterLogEventsRequest, Json.FilterLogEventsResponse, cancellationToken);

    public Task<DescribeLogStreamsResponse> DescribeLogStreamsAsync(DescribeLogStreamsRequest request, CancellationToken cancellationToken) =>
        transport.InvokeAsync(
            "DescribeLogStreams", request, Json.DescribeLogStreamsRequest, Json.DescribeLogStreamsResponse, cancellationToken);

    /// <summary>
    /// Every event of a stream from the request's position onward (forward, oldest first). Ends when the forward
    /// token stops changing, which is how CloudWatch Logs says "no more events for now".
    /// </summary>
    public async IAsyncEnumerable<OutputLogEvent> GetAllLogEventsAsync(
        GetLogEventsRequest request,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var next = request with { StartFromHead = request.NextToken is null ? true : request.StartFromHead };
        while (true)
        {
            var page = await GetLogEventsAsync(next, cancellationToken);
            foreach (var logEvent in page.Events ?? [])
            {
                yield return logEvent;
            }

            if (page.NextForwardToken is null || page.NextForwardToken == next.NextToken)
            {
                yield break;
            }

            next = next with { NextToken = page.NextForwardToken };
        }
    }

    /// <summary>Every matching event, across pages.</summary>
    public IAsyncEnumerable<FilteredLogEvent> FilterAllLogEventsAsync(FilterLogEventsRequest request, CancellationToken cancellationToken) =>
        AwsPaginator.ItemsAsync(
            (token, ct) => FilterLogEventsAsync(request with { NextToken = token }, ct),
            page => page.NextToken,
            page => page.Events,
            cancellationToken);

    /// <summary>Every log stream of a group matching the request, across pages.</summary>
    public IAsyncEnumerable<LogStream> DescribeAllLogStreamsAsync(DescribeLogStreamsRequest request, CancellationToken cancellationToken) =>
        AwsPaginator.ItemsAsync(
            (token, ct) => DescribeLogStreamsAsync(request with { NextToken = token }, ct),
            page => page.NextToken,
            page => page.LogStreams,
            cancellationToken);
}
