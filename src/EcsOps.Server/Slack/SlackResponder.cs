using System.Text.Json.Nodes;
using EcsOps.Aws.Config.Server;

namespace EcsOps.Server.Slack;

/// <summary>
/// Posts messages to Slack <c>response_url</c>s, only to URLs under the configured prefixes (Slack's own host unless
/// configured otherwise), so a request cannot make the service send anything elsewhere.
/// </summary>
public sealed partial class SlackResponder(HttpClient http, SlackSettings? settings, ILogger<SlackResponder> log)
{
    /// <summary>True when the service may post to <paramref name="url"/>.</summary>
    public bool IsAllowed(string? url) =>
        settings is not null && url is not null && Uri.TryCreate(url, UriKind.Absolute, out _)
        && settings.ResponseUrlPrefixes.Any(prefix => url.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>Posts a message; false (and a log line) when not allowed or Slack did not accept it.</summary>
    public async Task<bool> PostAsync(string url, JsonObject message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsAllowed(url))
        {
            LogRefusedUrl(log);
            return false;
        }

        try
        {
            using var response = await http.PostAsJsonAsync(url, message, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogNotAccepted(log, (int)response.StatusCode);
            }

            return response.IsSuccessStatusCode;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            LogPostFailed(log, error);
            return false;
        }
    }

    /// <summary>Posts without making the caller wait (Slack wants its HTTP answer within 3 s).</summary>
    public void PostInBackground(string url, JsonObject message) =>
        _ = Task.Run(() => PostAsync(url, message, CancellationToken.None));

    [LoggerMessage(Level = LogLevel.Warning, Message = "not posting to a response_url outside server.slack.responseUrls")]
    private static partial void LogRefusedUrl(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack did not accept a message: HTTP {Status}")]
    private static partial void LogNotAccepted(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "posting to Slack failed")]
    private static partial void LogPostFailed(ILogger logger, Exception error);
}
