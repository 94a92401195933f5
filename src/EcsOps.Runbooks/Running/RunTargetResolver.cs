using EcsOps.Aws;
using EcsOps.Aws.Discovery;

namespace EcsOps.Runbooks.Running;

/// <summary>
/// Finds the container a run is about. Several matches are fine when they are replicas of one place (same account,
/// region, cluster, service and container): exec picks the first one ready for ECS Exec, task mode needs only the
/// place. Matches in different places are an error listing them; there is no picker, so the server can use this too.
/// </summary>
internal static class RunTargetResolver
{
    private const int MaxListed = 8;

    /// <exception cref="RunException">Nothing matches, matches are in different places, or (exec) none is ready.</exception>
    /// <exception cref="TargetSelectorException">The target text is not a selector or known alias.</exception>
    public static async Task<(DiscoveredContainer Container, IReadOnlyList<DiscoveryFailure> Failures)> ResolveAsync(
        AwsWorkspace workspace, string target, string? container, RunbookMode mode, bool refresh, CancellationToken cancellationToken)
    {
        var query = workspace.Query(target, new TargetFlags { Container = container });
        var shown = container is null ? target : $"{target} (container {container})";
        var resolution = await workspace.Resolver.ResolveAsync(query.Selector, refresh, cancellationToken);
        var candidates = resolution switch
        {
            TargetResolution.Resolved resolved => [resolved.Container],
            TargetResolution.Ambiguous ambiguous => ambiguous.Candidates,
            TargetResolution.NoMatch noMatch => throw new RunException($"no running container matches {shown}: {noMatch.Hint}"),
            _ => throw new InvalidOperationException($"unknown resolution {resolution.GetType().Name}"),
        };

        var places = candidates.Select(Place).Distinct().ToList();
        if (places.Count > 1)
        {
            var listed = string.Join(", ", candidates.Select(c => c.Path).Distinct(StringComparer.Ordinal).Take(MaxListed));
            throw new RunException($"{shown} matches containers in {places.Count} places: {listed}. Name one place (account/region/cluster/service/container) as the target.");
        }

        if (mode == RunbookMode.Task)
        {
            var first = candidates[0];
            return first.ServiceName is null
                ? throw new RunException($"{first.Path} is a stand-alone task; task mode runs a copy of a service's task, so the target must be a service's container")
                : (first, resolution.Failures);
        }

        var ready = candidates.FirstOrDefault(c => c.Readiness.IsReady);
        if (ready is null)
        {
            var sample = candidates[0];
            throw new RunException($"cannot exec into {sample.Path} (task {sample.TaskId}): {string.Join("; ", sample.Readiness.Problems)}.");
        }

        return (ready, resolution.Failures);
    }

    private static (string, string, string, string?, string) Place(DiscoveredContainer c) =>
        (c.AccountId, c.Region, c.ClusterArn, c.ServiceName, c.ContainerName);
}
