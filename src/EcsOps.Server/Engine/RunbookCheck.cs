
namespace EcsOps.Server.Engine;

/// <summary>The engine's answer to a <see cref="RunbookRequest"/>: the validated run, or why not.</summary>
public sealed record RunbookCheck
{
    private RunbookCheck()
    {
    }

    /// <summary>The run to queue; null when refused.</summary>
    public ValidatedRunbook? Run { get; private init; }

    /// <summary>Why the request was refused; null when accepted.</summary>
    public RefusalKind? Refusal { get; private init; }

    /// <summary>One line for the caller when refused.</summary>
    public string? Problem { get; private init; }

    public static RunbookCheck Accepted(ValidatedRunbook run) => new() { Run = run };

    public static RunbookCheck UnknownRunbook(string problem) => new() { Refusal = RefusalKind.UnknownRunbook, Problem = problem };

    public static RunbookCheck InvalidParameters(string problem) => new() { Refusal = RefusalKind.InvalidRequest, Problem = problem };
}
