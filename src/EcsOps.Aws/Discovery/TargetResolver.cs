namespace EcsOps.Aws.Discovery;

/// <summary>
/// Narrows a selector to exactly one running container (task and container both RUNNING), or says why it cannot:
/// <see cref="TargetResolution.NoMatch"/> with a hint naming what does exist one level up, or
/// <see cref="TargetResolution.Ambiguous"/> with the candidates.
/// </summary>
public sealed class TargetResolver(TargetDiscovery discovery)
{
    /// <summary>How many names a hint lists before "…".</summary>
    public const int MaxNamesInHint = 10;

    /// <summary>
    /// Discovers and decides. When nothing running matches a task named by its exact id, the task is looked up whatever
    /// its status, so the hint can say it stopped (when, why) instead of only that it is not running.
    /// </summary>
    public async Task<TargetResolution> ResolveAsync(TargetSelector selector, bool refresh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var result = await discovery.DiscoverAsync(selector, refresh, cancellationToken);
        var resolution = Resolve(result);
        if (resolution is TargetResolution.NoMatch && selector.Task is { IsLiteral: true } task
            && await discovery.FindTaskAsync(result, task.Text, cancellationToken) is { } sighting)
        {
            return new TargetResolution.NoMatch(
                $"{Capitalize(sighting.Describe())}. ECS Exec needs a RUNNING task: pick a running one ('ecsops ls') or start a new one.",
                result.Failures);
        }

        return resolution;
    }

    /// <summary>Decides from a discovery result.</summary>
    public static TargetResolution Resolve(DiscoveryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var running = result.Containers.Where(c => c.IsRunning).ToList();
        return running.Count switch
        {
            1 => new TargetResolution.Resolved(running[0], result.Failures),
            > 1 => new TargetResolution.Ambiguous(running, result.Failures),
            _ => new TargetResolution.NoMatch(Hint(result), result.Failures),
        };
    }

    private static string Hint(DiscoveryResult result)
    {
        var selector = result.Selector;
        var hint = HintFor(result, selector);
        if (result.Failures.Count > 0)
        {
            hint += " Could not search " + string.Join(", ", result.Failures.Select(f => $"{f.AccountName}/{f.Region} ({f.Message})")) + ".";
        }

        return hint;
    }

    private static string HintFor(DiscoveryResult result, TargetSelector selector)
    {
        if (result.Scopes.Count == 0 && result.Failures.Count == 0)
        {
            return selector.Account is not null
                ? $"No configured account matches '{selector.Account}' (accounts: {List(result.AccountNames)})."
                : "No account × region to search; configure accounts and regions in ecsops.yaml or set AWS_REGION.";
        }

        var clusters = result.Scopes.SelectMany(s => s.ClusterNames).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var where = string.Join(", ", result.Scopes.Select(s => $"{s.AccountName}/{s.Region}").Take(MaxNamesInHint));
        if (result.ClusterContainers.Count == 0)
        {
            return selector.Cluster is not null && clusters.Count > 0
                ? $"No cluster matching '{selector.Cluster}' has running tasks in {where} (clusters: {List(clusters)})."
                : $"No running tasks found in {where}" + (clusters.Count > 0 ? $" (clusters: {List(clusters)})." : "; there are no clusters.");
        }

        var inService = result.ClusterContainers.Where(c => selector.Service is null || selector.Service.Matches(c.ServiceName)).ToList();
        if (inService.Count == 0)
        {
            var services = result.ClusterContainers.Select(c => c.ServiceName ?? "(stand-alone tasks)").Distinct(StringComparer.Ordinal);
            return $"No running task of a service matching '{selector.Service}' (services with running tasks: {List(services)}).";
        }

        var inTask = inService.Where(c => selector.Task is null || selector.Task.Matches(c.TaskId)).ToList();
        if (inTask.Count == 0)
        {
            return $"No running task with an id matching '{selector.Task}' (tasks: {List(inService.Select(c => c.TaskId).Distinct(StringComparer.Ordinal))}).";
        }

        var matching = inTask.Where(c => selector.Container is null || selector.Container.Matches(c.ContainerName)).ToList();
        if (matching.Count == 0)
        {
            return $"No container matching '{selector.Container}' in the matching tasks (containers: {List(inTask.Select(c => c.ContainerName).Distinct(StringComparer.Ordinal))}).";
        }

        var states = matching.Select(c => $"{c.ContainerName} in task {c.TaskId} is {c.LastStatus ?? "unknown"} (task {c.TaskLastStatus ?? "unknown"})");
        return "Matching containers are not running: " + string.Join("; ", states.Take(MaxNamesInHint)) + ".";
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string List(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0
            ? "none"
            : string.Join(", ", list.Take(MaxNamesInHint)) + (list.Count > MaxNamesInHint ? $", … ({list.Count} in all)" : "");
    }
}
