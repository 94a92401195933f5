using System.Globalization;
using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.Ssm;

public static partial class SsmApi
{
    private static readonly string[] s_filterKeys = ["InvokedAfter", "InvokedBefore", "Target", "Owner", "Status", "SessionId"];

    /// <summary>
    /// The caller's account's sessions in the request's region, newest first: <c>Active</c> (not yet terminated) or
    /// <c>History</c> (terminated), filtered as SSM does. ECS Exec sessions are listed too, as in SSM.
    /// </summary>
    internal static DescribeSessionsResponse DescribeSessions(SessionRegistry sessions, AwsRequestContext aws, DescribeSessionsRequest request)
    {
        var history = request.State switch
        {
            "Active" => false,
            "History" => true,
            _ => throw new AwsErrorException("ValidationException",
                $"1 validation error detected: Value '{request.State}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [Active, History]"),
        };
        IEnumerable<SessionRecord> matching = sessions.All()
            .Where(s => s.AccountId == aws.Caller.AccountId && s.Region == aws.Region && (s.State == SessionState.Terminated) == history);
        foreach (var filter in request.Filters ?? [])
        {
            if (filter.Key is null || !s_filterKeys.Contains(filter.Key) || string.IsNullOrEmpty(filter.Value))
            {
                throw new AwsErrorException("InvalidFilterKey", $"The filter key {filter.Key} is not valid.");
            }

            matching = filter.Key switch
            {
                "Target" => matching.Where(s => s.Target == filter.Value),
                "Owner" => matching.Where(s => s.OwnerArn == filter.Value),
                "Status" => matching.Where(s => s.State.ToString() == filter.Value),
                "SessionId" => matching.Where(s => s.SessionId == filter.Value),
                "InvokedAfter" => matching.Where(s => s.StartedAt >= FilterDate(filter.Value)),
                _ => matching.Where(s => s.StartedAt <= FilterDate(filter.Value)),
            };
        }

        var (page, next) = PageToken.Page(
            matching.OrderByDescending(s => s.StartedAt).ToList(), request.NextToken, request.MaxResults, 20, 200,
            message => new AwsErrorException("InvalidNextToken", message));
        return new DescribeSessionsResponse
        {
            Sessions = page.Select(s => new SessionSummary
            {
                SessionId = s.SessionId,
                Target = s.Target,
                Status = s.State.ToString(),
                StartDate = s.StartedAt.ToUnixTimeMilliseconds() / 1000.0,
                EndDate = s.EndedAt is { } ended ? ended.ToUnixTimeMilliseconds() / 1000.0 : null,
                DocumentName = s.DocumentName,
                Owner = s.OwnerArn,
                Reason = s.Reason,
            }).ToList(),
            NextToken = next,
        };
    }

    private static DateTimeOffset FilterDate(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : throw new AwsErrorException("InvalidFilterValue", $"The filter value {text} is not a date.");
}
