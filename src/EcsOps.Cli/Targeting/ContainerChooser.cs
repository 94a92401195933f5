using System.CommandLine;
using EcsOps.Aws;
using EcsOps.Aws.Config;
using EcsOps.Aws.Discovery;
using EcsOps.Cli.Hosting;
using Spectre.Console;

namespace EcsOps.Cli.Targeting;

/// <summary>
/// Narrows what the operator typed to exactly one running container: the only match, a pick from a list on a
/// terminal, or an error (none matched, with the resolver's hint; several matched without a terminal, listing them).
/// Accounts or regions that could not be searched are reported as warnings on stderr.
/// </summary>
public static class ContainerChooser
{
    /// <summary>How many candidates an ambiguity error lists.</summary>
    public const int MaxCandidatesListed = 10;

    /// <summary>The container that <paramref name="selectorText"/> and the target flags given on the command line name.</summary>
    /// <param name="failureExitCode">The exit status of every failure to choose (255 for exec-like commands).</param>
    public static Task<(DiscoveredContainer Container, TargetAlias? Alias)> ChooseAsync(
        AwsWorkspace workspace,
        ParseResult parse,
        TargetOptions targets,
        string? selectorText,
        CliContext context,
        int failureExitCode,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(context);
        return ChooseAsync(workspace, selectorText, targets.Flags(parse), parse.GetValue(targets.Refresh), context, failureExitCode, cancellationToken);
    }

    private static async Task<(DiscoveredContainer Container, TargetAlias? Alias)> ChooseAsync(
        AwsWorkspace workspace,
        string? selectorText,
        TargetFlags flags,
        bool refresh,
        CliContext context,
        int failureExitCode,
        CancellationToken cancellationToken)
    {
        var query = workspace.Query(selectorText, flags);
        var resolution = await workspace.Resolver.ResolveAsync(query.Selector, refresh, cancellationToken);
        var described = TargetOptions.Describe(selectorText, flags);
        switch (resolution)
        {
            case TargetResolution.Resolved resolved:
                Warn(context, resolution.Failures);
                return (resolved.Container, query.Alias);

            case TargetResolution.NoMatch noMatch:
                throw new UserFacingException($"no running container matches {described}: {noMatch.Hint}", failureExitCode);

            case TargetResolution.Ambiguous ambiguous when Confirmation.CanAsk(context):
                Warn(context, resolution.Failures);
                var candidates = ambiguous.Candidates;
                var picked = await new FuzzyPicker(context.Diagnostics).PickAsync(
                    $"{described} matches {candidates.Count} running containers; pick one:",
                    candidates.Select(Label).ToList(),
                    cancellationToken);
                return picked is { } index
                    ? (candidates[index], query.Alias)
                    : throw new UserFacingException("no container picked", failureExitCode);

            case TargetResolution.Ambiguous ambiguous:
                Warn(context, resolution.Failures);
                throw new UserFacingException(
                    $"{described} matches {ambiguous.Candidates.Count} running containers: {ListCandidates(ambiguous.Candidates)}. "
                    + "Name one (account/region/cluster/service/container, or --task).",
                    failureExitCode);

            default:
                throw new InvalidOperationException($"unknown resolution {resolution.GetType().Name}");
        }
    }

    /// <summary>Refuses early, with the reasons, when DescribeTasks already shows ECS Exec cannot work.</summary>
    public static void EnsureExecReady(DiscoveredContainer container, int failureExitCode)
    {
        ArgumentNullException.ThrowIfNull(container);
        var readiness = container.Readiness;
        if (!readiness.IsReady)
        {
            throw new UserFacingException(
                $"cannot exec into {container.Path} (task {container.TaskId}): {string.Join("; ", readiness.Problems)}.",
                failureExitCode);
        }
    }

    /// <summary>Prints one warning per account × region that could not be searched.</summary>
    public static void Warn(CliContext context, IReadOnlyList<DiscoveryFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(failures);
        foreach (var failure in failures)
        {
            var where = failure.Region is null ? failure.AccountName : $"{failure.AccountName}/{failure.Region}";
            context.Diagnostics.MarkupLine($"[yellow]warning:[/] could not search {Markup.Escape(where)}: {Markup.Escape(failure.Message)}");
        }
    }

    /// <summary>What the picker shows and filters on: the path, the task id and whether exec can reach it.</summary>
    private static string Label(DiscoveredContainer container) =>
        $"{container.Path}  task {container.TaskId}" + (container.Readiness.IsReady ? "" : "  (exec not ready)");

    private static string ListCandidates(IReadOnlyList<DiscoveredContainer> candidates)
    {
        var listed = string.Join(", ", candidates.Take(MaxCandidatesListed).Select(c => $"{c.Path} (task {c.TaskId})"));
        return candidates.Count > MaxCandidatesListed ? $"{listed}, … ({candidates.Count} in all)" : listed;
    }
}
