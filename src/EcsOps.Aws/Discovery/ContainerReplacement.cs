namespace EcsOps.Aws.Discovery;

/// <summary>What runs in a container's place now (see <see cref="ContainerReplacementFinder"/>).</summary>
/// <param name="Running">The container to use: the same one if its task still runs, else one of a newer task; null when none runs.</param>
/// <param name="Starting">True when no container runs there yet but a task that would have one is on its way (PROVISIONING, PENDING, ACTIVATING).</param>
/// <param name="Hint">Why nothing runs there, for messages; empty when <paramref name="Running"/> is set.</param>
public sealed record ContainerReplacement(DiscoveredContainer? Running, bool Starting, string Hint)
{
    /// <summary>Nothing runs in the place and nothing is on its way: the target is gone.</summary>
    public bool IsGone => Running is null && !Starting;
}
