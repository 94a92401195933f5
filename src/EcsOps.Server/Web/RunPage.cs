using System.Globalization;
using System.Text;
using EcsOps.Server.Audit;
using EcsOps.Server.Engine;
using EcsOps.Server.Jobs;
using static EcsOps.Server.Web.HtmlText;

namespace EcsOps.Server.Web;

/// <summary><c>GET /ui/runs/{id}</c>: one run, its whole stored output, and its audit events.</summary>
internal static class RunPage
{
    public static string Render(Job job, IReadOnlyList<OutputLine> output, IReadOnlyList<ServerAuditEvent> events, DateTimeOffset now)
    {
        var state = job.State.Name();
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<p><a href=\"/\">← all runs</a></p><h1>Run <code>{Encode(job.Id)}</code></h1><dl id=\"summary\">");
        Field(body, "Runbook", Encode(job.Runbook));
        Field(body, "Target", $"<code>{Encode(job.Target)}</code>");
        Field(body, "Parameters", job.Parameters.Count == 0
            ? "<span class=\"muted\">none</span>"
            : string.Join(" ", job.ShownParameters().Select(p => $"<code>{Encode(p.Key)}={Encode(p.Value)}</code>")));
        Field(body, "State", $"<span class=\"state state-{state}\" id=\"state\">{state}</span>");
        Field(body, "Exit code", OrDash(job.ExitCode?.ToString(CultureInfo.InvariantCulture)));
        if (job.Error is { } error)
        {
            Field(body, "Error", Encode(error));
        }

        Field(body, "Requester", $"{Encode(job.RequesterName)} <span class=\"muted\">({Encode(job.Requester)}, {Encode(job.Channel)})</span>");
        Field(body, "Approver", OrDash(job.Approver));
        if (job.TicketId is { } ticket)
        {
            Field(body, "Ticket", Encode($"{job.TicketSource} {ticket}"));
        }

        Field(body, "Requested", Time(job.CreatedAt));
        Field(body, "Started", Time(job.StartedAt));
        Field(body, "Finished", Time(job.FinishedAt));
        Field(body, "Duration", Duration(job.Duration(now)));
        body.Append(CultureInfo.InvariantCulture, $"</dl><p><a href=\"/runs/{Encode(job.Id)}\">JSON</a></p>");

        body.Append("<h2 id=\"output\">Output</h2>");
        if (output.Count == 0)
        {
            body.Append("<p class=\"muted\">No output.</p>");
        }
        else
        {
            body.Append("<pre id=\"output-lines\">");
            foreach (var line in output)
            {
                var css = line.Stream switch { OutputStream.Stderr => "stderr", OutputStream.Info => "info", _ => "stdout" };
                body.Append(CultureInfo.InvariantCulture, $"<span class=\"{css}\">{Encode(line.Text)}</span>\n");
            }

            body.Append("</pre>");
        }

        body.Append("<h2 id=\"events\">Audit events</h2><table id=\"event-list\"><thead><tr><th>When</th><th>Event</th><th>By</th><th>Detail</th></tr></thead><tbody>");
        foreach (var auditEvent in events)
        {
            body.Append(CultureInfo.InvariantCulture, $"<tr data-kind=\"{Encode(auditEvent.Kind)}\"><td>{Time(auditEvent.At)}</td><td>{Encode(auditEvent.Kind)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Encode(auditEvent.Actor)}</td><td>{OrDash(auditEvent.Detail)}</td></tr>");
        }

        body.Append("</tbody></table>");
        return PageLayout.Render($"ecsops {job.Id}", body.ToString(), job.State.IsFinal() ? null : 3);
    }

    private static void Field(StringBuilder body, string name, string html) =>
        body.Append(CultureInfo.InvariantCulture, $"<dt>{name}</dt><dd>{html}</dd>");
}
