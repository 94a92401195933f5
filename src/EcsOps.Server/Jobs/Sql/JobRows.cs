using System.Data.Common;
using System.Text.Json;
using EcsOps.Server.Audit;
using EcsOps.Server.Engine;

namespace EcsOps.Server.Jobs.Sql;

/// <summary>Turns rows of the store's tables into records; the column order is <see cref="JobColumns"/>.</summary>
internal static class JobRows
{
    public const string JobColumns =
        "id, runbook, target, parameters, channel, requester, requester_name, ticket_source, ticket_id, request_digest, approvers, approver, "
        + "idempotent, state, exit_code, error, attempts, response_url, lease_owner, lease_expires, created_at, queued_at, started_at, finished_at, "
        + "output_truncated, secret_parameters";

    public const string EventColumns = "at, kind, run_id, channel, actor, runbook, target, detail, exit_code";

    public static Job ReadJob(DbDataReader row) => new()
    {
        Id = row.GetString(0),
        Runbook = row.GetString(1),
        Target = row.GetString(2),
        Parameters = JsonSerializer.Deserialize(row.GetString(3), StoreJsonContext.Default.DictionaryStringString) ?? [],
        Channel = row.GetString(4),
        Requester = row.GetString(5),
        RequesterName = row.GetString(6),
        TicketSource = Text(row, 7),
        TicketId = Text(row, 8),
        RequestDigest = Text(row, 9),
        Approvers = JsonSerializer.Deserialize(row.GetString(10), StoreJsonContext.Default.ListString) ?? [],
        Approver = Text(row, 11),
        Idempotent = Number(row, 12) == 1,
        State = JobStateNames.Parse(row.GetString(13)),
        ExitCode = (int?)Number(row, 14),
        Error = Text(row, 15),
        Attempts = (int)(Number(row, 16) ?? 0),
        ResponseUrl = Text(row, 17),
        LeaseOwner = Text(row, 18),
        LeaseExpires = Time(row, 19),
        CreatedAt = Time(row, 20)!.Value,
        QueuedAt = Time(row, 21),
        StartedAt = Time(row, 22),
        FinishedAt = Time(row, 23),
        OutputTruncated = Number(row, 24) == 1,
        SecretParameters = JsonSerializer.Deserialize(row.GetString(25), StoreJsonContext.Default.ListString) ?? [],
    };

    public static OutputLine ReadOutput(DbDataReader row) =>
        new(Number(row, 0)!.Value, Enum.Parse<OutputStream>(row.GetString(1)), row.GetString(2));

    public static ServerAuditEvent ReadEvent(DbDataReader row) => new()
    {
        At = Time(row, 0)!.Value,
        Kind = row.GetString(1),
        RunId = Text(row, 2),
        Channel = row.GetString(3),
        Actor = row.GetString(4),
        Runbook = Text(row, 5),
        Target = Text(row, 6),
        Detail = Text(row, 7),
        ExitCode = (int?)Number(row, 8),
    };

    public static long Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static string? Text(DbDataReader row, int column) => row.IsDBNull(column) ? null : row.GetString(column);

    private static long? Number(DbDataReader row, int column) => row.IsDBNull(column) ? null : Convert.ToInt64(row.GetValue(column), System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(DbDataReader row, int column) =>
        Number(row, column) is { } millis ? DateTimeOffset.FromUnixTimeMilliseconds(millis) : null;
}
