namespace EcsOps.Aws.Config.Server;

/// <summary>The <c>server.slack</c> section: how Slack requests are verified and where replies may go.</summary>
/// <param name="SigningSecret">The Slack app's signing secret (Basic Information → App Credentials).</param>
public sealed record SlackSettings(SecretReference SigningSecret)
{
    /// <summary>Slack's own host for <c>response_url</c>; the only allowed prefix unless configured otherwise.</summary>
    public const string SlackResponseUrlPrefix = "https://hooks.slack.com/";

    /// <summary>
    /// Prefixes a <c>response_url</c> must start with before the service posts to it, so that a request cannot make
    /// the service send run output anywhere else.
    /// </summary>
    public IReadOnlyList<string> ResponseUrlPrefixes { get; init; } = [SlackResponseUrlPrefix];
}
