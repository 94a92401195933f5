using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EcsOps.Server.Jobs;
using static EcsOps.Server.Slack.SlackText;

namespace EcsOps.Server.Slack;

/// <summary>The messages the service sends to Slack, as Slack's JSON.</summary>
public sealed class SlackMessages(Uri? publicUrl)
{
    /// <summary>Output lines shown with a result (the whole output is on the page).</summary>
    public const int OutputTailLines = 20;

    /// <summary>Slack truncates long messages; the output block stays well below that.</summary>
    private const int OutputTailChars = 2500;

    public static JsonObject Ephemeral(string text) => new() { ["response_type"] = "ephemeral", ["text"] = text };

    public static JsonObject Error(string message) => Ephemeral("error: " + Escape(message));

    /// <summary>An error for an interaction, added below the original message rather than replacing it.</summary>
    public static JsonObject InteractionError(string message)
    {
        var error = Error(message);
        error["replace_original"] = false;
        return error;
    }

    public static JsonObject Help(IReadOnlyList<string> runbooks) =>
        Ephemeral(Escape(SlackCommandText.Usage) + "\nrunbooks: " + (runbooks.Count == 0 ? "(none)" : string.Join(", ", runbooks.Select(Code))));

    /// <summary>The answer to a run request that was queued.</summary>
    public JsonObject Queued(Job job) =>
        Ephemeral($"Run {Code(job.Id)} queued: {Describe(job)}. Progress and the result follow here.{Link(job)}");

    /// <summary>The answer to a run request that needs approval: in the channel, with Approve and Deny buttons.</summary>
    public JsonObject ApprovalRequest(Job job)
    {
        var text = $"{Who(job.Requester)} asks to run {Describe(job)} ({Code(job.Id)}). Approval needed from one of: "
            + string.Join(", ", job.Approvers.Select(Escape)) + ".";
        return new JsonObject
        {
            ["response_type"] = "in_channel",
            ["text"] = text,
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = text } },
                new JsonObject
                {
                    ["type"] = "actions",
                    ["block_id"] = "ecsops-approval",
                    ["elements"] = new JsonArray(Button(SlackActions.Approve, "Approve", "primary", job.Id), Button(SlackActions.Deny, "Deny", "danger", job.Id)),
                }),
        };
    }

    /// <summary>Replaces the approval request once decided (the buttons go away).</summary>
    public JsonObject Decided(Job job) => new()
    {
        ["replace_original"] = true,
        ["response_type"] = "in_channel",
        ["text"] = job.State == JobState.Queued
            ? $"{Who(job.Approver!)} approved {Code(job.Id)}: {Describe(job)}, requested by {Who(job.Requester)}. It is queued.{Link(job)}"
            : $"{Who(job.Approver!)} denied {Code(job.Id)}: {Describe(job)}, requested by {Who(job.Requester)}.",
    };

    public JsonObject Started(Job job) => Update(job, $"Run {Code(job.Id)} started: {Describe(job)}.");

    /// <summary>How a run ended, with the tail of its output.</summary>
    public JsonObject Ended(Job job, IReadOnlyList<OutputLine> tail, DateTimeOffset now)
    {
        var outcome = job.State switch
        {
            JobState.Succeeded => "*succeeded*",
            JobState.Failed when job.ExitCode is { } code => $"*failed* with exit code {code.ToString(CultureInfo.InvariantCulture)}",
            JobState.Queued => "was interrupted and is *queued again*",
            _ => "*" + job.State.Name() + "*",
        };
        var text = new StringBuilder($"Run {Code(job.Id)} {outcome}: {Describe(job)}");
        if (job.Duration(now) is { } duration && job.State != JobState.Queued)
        {
            text.Append(CultureInfo.InvariantCulture, $" after {duration.TotalSeconds:0.#} s");
        }

        text.Append('.');
        if (job.Error is { } error)
        {
            text.Append(' ').Append(Escape(error)).Append('.');
        }

        if (tail.Count > 0)
        {
            var lines = string.Join('\n', tail.Select(l => l.Text.Replace("```", "'''", StringComparison.Ordinal)));
            if (lines.Length > OutputTailChars)
            {
                lines = "…" + lines[^OutputTailChars..];
            }

            text.Append("\n```\n").Append(Escape(lines)).Append("\n```");
        }

        text.Append(Link(job));
        return Update(job, text.ToString());
    }

    /// <summary>A message about a run: in the channel when approvers took part, otherwise only for the requester.</summary>
    private static JsonObject Update(Job job, string text) => new()
    {
        ["response_type"] = job.Approvers.Count > 0 ? "in_channel" : "ephemeral",
        ["replace_original"] = false,
        ["text"] = text,
    };

    private static string Describe(Job job)
    {
        var parameters = job.Parameters.Count == 0 ? "" : " (" + string.Join(", ", job.ShownParameters().Select(p => Escape($"{p.Key}={p.Value}"))) + ")";
        return $"*{Escape(job.Runbook)}* on {Code(job.Target)}{parameters}";
    }

    private string Link(Job job) =>
        publicUrl is null ? "" : $" <{new Uri(publicUrl, "ui/runs/" + job.Id)}|Details>";

    private static JsonObject Button(string actionId, string label, string style, string runId) => new()
    {
        ["type"] = "button",
        ["action_id"] = actionId,
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = label },
        ["style"] = style,
        ["value"] = runId,
    };
}
