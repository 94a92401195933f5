using System.Text;
using EcsOps.Aws.Ecs.Model;

namespace EcsOps.Aws.Audit;

/// <summary>
/// How a run id travels to AWS so CloudTrail, Session Manager history and ECS can be joined with the audit trail:
/// the SSM StartSession <c>Reason</c>, the RunTask <c>startedBy</c> (36 characters at most) and tags, and the
/// <c>$0</c> of wrapped ECS Exec commands (ExecuteCommand has no reason field, but CloudTrail records its command).
/// </summary>
public static class AuditRunMarkers
{
    /// <summary>The prefix of every marker.</summary>
    public const string Prefix = "ecsops:";

    /// <summary>ECS's limit on RunTask <c>startedBy</c>.</summary>
    public const int MaxStartedByLength = 36;

    /// <summary>SSM's limit on StartSession <c>Reason</c>.</summary>
    public const int MaxReasonLength = 256;

    /// <summary>ECS's limit on a tag value.</summary>
    public const int MaxTagValueLength = 256;

    public const string RunIdTag = "ecsops:run-id";
    public const string ActionTag = "ecsops:action";
    public const string OperatorTag = "ecsops:operator";
    public const string RequesterTag = "ecsops:requester";
    public const string ReasonTag = "ecsops:reason";

    /// <summary><c>ecsops:&lt;run id&gt;</c> (33 characters), for RunTask <c>startedBy</c>.</summary>
    public static string StartedBy(AuditRunId runId) => Prefix + runId.Value;

    /// <summary>The run id in a <c>startedBy</c> (or any marker) EcsOps wrote; null for anything else.</summary>
    public static AuditRunId? ParseMarker(string? text)
    {
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length < Prefix.Length + AuditRunId.Length)
        {
            return null;
        }

        return AuditRunId.TryParse(text.Substring(Prefix.Length, AuditRunId.Length), out var id) ? id : null;
    }

    /// <summary><c>ecsops:&lt;run id&gt; &lt;reason&gt;</c> on one line, cut to SSM's 256 characters, for StartSession.</summary>
    public static string SsmReason(AuditRunId runId, string? reason)
    {
        var text = string.IsNullOrWhiteSpace(reason) ? StartedBy(runId) : StartedBy(runId) + " " + OneLine(reason);
        return text.Length > MaxReasonLength ? text[..MaxReasonLength] : text;
    }

    /// <summary>Tags for RunTask (and anything else taggable the run creates).</summary>
    public static IReadOnlyList<Tag> Tags(AuditEvent start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var tags = new List<Tag>
        {
            new() { Key = RunIdTag, Value = start.RunId },
            new() { Key = ActionTag, Value = TagValue(start.Action) },
            new() { Key = OperatorTag, Value = TagValue(start.Who.Arn) },
        };
        if (start.Who.Requester is { Length: > 0 } requester)
        {
            tags.Add(new Tag { Key = RequesterTag, Value = TagValue(requester) });
        }

        if (start.Reason is { Length: > 0 } reason)
        {
            tags.Add(new Tag { Key = ReasonTag, Value = TagValue(reason) });
        }

        return tags;
    }

    /// <summary>Text reduced to what ECS allows in a tag value (letters, digits, spaces, <c>+-=._:/@</c>) and 256 characters.</summary>
    public static string TagValue(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(Math.Min(text.Length, MaxTagValueLength));
        foreach (var c in OneLine(text))
        {
            if (builder.Length == MaxTagValueLength)
            {
                break;
            }

            builder.Append(char.IsLetterOrDigit(c) || c == ' ' || "+-=._:/@".Contains(c, StringComparison.Ordinal) ? c : '_');
        }

        return builder.ToString();
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
