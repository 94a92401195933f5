namespace EcsOps.Aws.Discovery;

/// <summary>The answer to "which container do you mean": exactly one, none (with a hint), or several to choose from.</summary>
public abstract record TargetResolution
{
    private protected TargetResolution(IReadOnlyList<DiscoveryFailure> failures) => Failures = failures;

    /// <summary>Account × region pairs that could not be searched; a match elsewhere is still a match.</summary>
    public IReadOnlyList<DiscoveryFailure> Failures { get; }

    /// <summary>Exactly one running container matches.</summary>
    public sealed record Resolved(DiscoveredContainer Container, IReadOnlyList<DiscoveryFailure> SearchFailures)
        : TargetResolution(SearchFailures);

    /// <summary>Nothing running matches; <paramref name="Hint"/> says what was found instead, in one or two sentences.</summary>
    public sealed record NoMatch(string Hint, IReadOnlyList<DiscoveryFailure> SearchFailures) : TargetResolution(SearchFailures);

    /// <summary>Several running containers match; the CLI offers a picker on a terminal and fails otherwise.</summary>
    public sealed record Ambiguous(IReadOnlyList<DiscoveredContainer> Candidates, IReadOnlyList<DiscoveryFailure> SearchFailures)
        : TargetResolution(SearchFailures);
}
