using System.Globalization;
using System.Text;
using EcsOps.Aws.Audit;

namespace EcsOps.Cli.Rendering;

/// <summary>One audit event as one line of text for <c>audit tail</c>: time, run, phase, action, who, where, what, how it ended.</summary>
public static class AuditEventText
{
    public static string Format(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var line = new StringBuilder();
        line.Append(auditEvent.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        line.Append(' ').Append(auditEvent.RunId);
        line.Append(' ').Append(auditEvent.Phase == AuditPhase.Start ? "start" : "end  ");
        line.Append(' ').Append(auditEvent.Action);
        line.Append(' ').Append(Who(auditEvent.Who));
        if (Where(auditEvent.Target) is { Length: > 0 } where)
        {
            line.Append(' ').Append(where);
        }

        if (auditEvent.Phase == AuditPhase.End)
        {
            line.Append(' ').Append(auditEvent.Result?.ToString().ToLowerInvariant() ?? "?");
            if (auditEvent.ExitCode is { } exitCode)
            {
                line.Append(CultureInfo.InvariantCulture, $" exit={exitCode}");
            }

            if (auditEvent.DurationMs is { } duration)
            {
                line.Append(CultureInfo.InvariantCulture, $" {duration / 1000.0:0.0}s");
            }

            if (auditEvent.BytesSent is { } sent && auditEvent.BytesReceived is { } received)
            {
                line.Append(CultureInfo.InvariantCulture, $" sent={sent} received={received}");
            }

            if (auditEvent.Error is { } error)
            {
                line.Append(" error=").Append(Quote(error));
            }
        }
        else if (auditEvent.Command is { } command)
        {
            line.Append(' ').Append(Quote(command));
        }

        if (auditEvent.Reason is { } reason)
        {
            line.Append(" reason=").Append(Quote(reason));
        }

        return line.ToString();
    }

    private static string Who(AuditActor who)
    {
        var name = who.Arn[(who.Arn.LastIndexOf('/') + 1)..];
        var text = name.Length > 0 ? name : who.Arn;
        return who.Requester is { } requester ? $"{text} (for {requester})" : text;
    }

    private static string Where(AuditTarget? target) => target is null
        ? ""
        : string.Join('/', new[] { target.AccountName ?? target.AccountId, target.Region, target.Cluster, target.Service, target.Container }
            .Where(part => part is not null));

    private static string Quote(string text) => "\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal).ReplaceLineEndings(" ") + "\"";
}
