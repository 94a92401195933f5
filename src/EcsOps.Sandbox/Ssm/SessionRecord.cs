namespace EcsOps.Sandbox.Ssm;

/// <summary>
/// One Session Manager session, as the message gateway needs it: who started it, against which target,
/// with which document and parameters, and the tokens a client may present in open_data_channel.
/// </summary>
public sealed record SessionRecord
{
    public required string SessionId { get; init; }

    /// <summary>The SSM target string, e.g. <c>ecs:dev-web_1111…_1111…-1234567890</c>.</summary>
    public required string Target { get; init; }

    /// <summary>The session document, e.g. <c>SSM-SessionManagerRunShell</c>, <c>AWS-StartPortForwardingSession</c>,
    /// or <c>AmazonECS-ExecuteInteractiveCommand</c> for ECS Exec.</summary>
    public required string DocumentName { get; init; }

    /// <summary>Document parameters (SSM's map of name to list of values).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public string? Reason { get; init; }
    public required string AccountId { get; init; }
    public required string Region { get; init; }

    /// <summary>The ARN of the principal that started the session.</summary>
    public required string OwnerArn { get; init; }

    public required string StreamUrl { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public SessionState State { get; init; } = SessionState.Connecting;

    /// <summary>Every token issued for the session (StartSession, then one per ResumeSession), oldest first.</summary>
    public IReadOnlyList<string> Tokens { get; init; } = [];

    /// <summary>Tokens issued to the session's agent, one per data-channel (re)connect, oldest first.</summary>
    public IReadOnlyList<string> AgentTokens { get; init; } = [];

    /// <summary>Tokens already used to open a data channel; each token opens one socket only.</summary>
    public IReadOnlyList<string> RedeemedTokens { get; init; } = [];
}
