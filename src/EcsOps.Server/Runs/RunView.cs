using EcsOps.Server.Jobs;

namespace EcsOps.Server.Runs;

/// <summary>A run as <c>GET /runs</c> and <c>GET /runs/{id}</c> show it.</summary>
public sealed record RunView
{
    public required string RunId { get; init; }
    public required string Runbook { get; init; }
    public required string Target { get; init; }
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }
    public required string State { get; init; }
    public int? ExitCode { get; init; }
    public string? Error { get; init; }
    public required string Channel { get; init; }
    public required string Requester { get; init; }
    public required string RequesterName { get; init; }
    public string? Approver { get; init; }
    public IReadOnlyList<string> Approvers { get; init; } = [];
    public string? TicketSource { get; init; }
    public string? TicketId { get; init; }
    public int Attempts { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public double? DurationSeconds { get; init; }
    public bool OutputTruncated { get; init; }

    /// <summary>The whole stored output, lines joined with \n; only in <c>GET /runs/{id}</c>.</summary>
    public string? Output { get; init; }

    public static RunView From(Job job, DateTimeOffset now, IReadOnlyList<OutputLine>? output = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new RunView
        {
            RunId = job.Id,
            Runbook = job.Runbook,
            Target = job.Target,
            Parameters = job.ShownParameters(),
            State = job.State.Name(),
            ExitCode = job.ExitCode,
            Error = job.Error,
            Channel = job.Channel,
            Requester = job.Requester,
            RequesterName = job.RequesterName,
            Approver = job.Approver,
            Approvers = job.Approvers,
            TicketSource = job.TicketSource,
            TicketId = job.TicketId,
            Attempts = job.Attempts,
            CreatedAt = job.CreatedAt,
            StartedAt = job.StartedAt,
            FinishedAt = job.FinishedAt,
            DurationSeconds = job.Duration(now)?.TotalSeconds,
            OutputTruncated = job.OutputTruncated,
            Output = output is null ? null : string.Join('\n', output.Select(line => line.Text)),
        };
    }
}
