using System.Globalization;
using System.Text;
using EcsOps.Server.Jobs;
using static EcsOps.Server.Web.HtmlText;

namespace EcsOps.Server.Web;

/// <summary><c>GET /</c>: the newest runs, one row each, with links to their output and audit events.</summary>
internal static class RunsPage
{
    public static string Render(IReadOnlyList<Job> jobs, DateTimeOffset now)
    {
        var body = new StringBuilder("<h1>ecsops runs</h1>");
        body.Append("<p class=\"toolbar\"><select id=\"state-filter\" hidden><option value=\"\">all states</option></select></p>");
        if (jobs.Count == 0)
        {
            body.Append("<p class=\"muted\" id=\"no-runs\">No runs yet.</p>");
            return PageLayout.Render("ecsops runs", body.ToString(), refreshSeconds: 10);
        }

        body.Append("<table id=\"runs\"><thead><tr><th>Run</th><th>Runbook</th><th>Target</th><th>State</th><th>Exit</th><th>Requester</th>")
            .Append("<th>Approver</th><th>Requested</th><th>Duration</th><th>Details</th></tr></thead><tbody>");
        foreach (var job in jobs)
        {
            var id = Encode(job.Id);
            var state = job.State.Name();
            body.Append(CultureInfo.InvariantCulture, $"<tr data-run=\"{id}\" data-state=\"{state}\">")
                .Append(CultureInfo.InvariantCulture, $"<td><a href=\"/ui/runs/{id}\"><code>{id}</code></a></td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"runbook\">{Encode(job.Runbook)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"target\"><code>{Encode(job.Target)}</code></td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"state state-{state}\">{state}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"exit\">{OrDash(job.ExitCode?.ToString(CultureInfo.InvariantCulture))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"requester\" title=\"{Encode(job.Requester)}\">{Encode(job.RequesterName)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"approver\">{OrDash(job.Approver)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Time(job.CreatedAt)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"duration\">{Duration(job.Duration(now))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td><a href=\"/ui/runs/{id}#output\">output</a> · <a href=\"/ui/runs/{id}#events\">audit events</a></td>")
                .Append("</tr>");
        }

        body.Append("</tbody></table>");
        var unfinished = jobs.Any(job => !job.State.IsFinal());
        return PageLayout.Render("ecsops runs", body.ToString(), unfinished ? 5 : null);
    }
}
