namespace EcsOps.Server.Slack;

/// <summary>What the text after <c>/ecsops</c> asked for.</summary>
public sealed record SlackCommand
{
    /// <summary>Show usage and the runbooks.</summary>
    public bool IsHelp { get; init; }

    /// <summary>The runbook to run; null for help or a parse error.</summary>
    public string? Runbook { get; init; }

    /// <summary>The <c>target=</c> value; null when not given.</summary>
    public string? Target { get; init; }

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Why the text could not be read; null when it could.</summary>
    public string? Problem { get; init; }
}
