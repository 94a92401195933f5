using System.CommandLine;
using System.Text.Json;
using EcsOps.Cli.Hosting;
using EcsOps.Cli.Rendering;
using EcsOps.Cli.Targeting;
using Spectre.Console;

namespace EcsOps.Cli.Commands;

/// <summary>
/// <c>ecsops ls [SELECTOR] [target flags] [--output table|json]</c>: the containers of running tasks across the
/// configured accounts and regions, with their status and whether ECS Exec can reach them. JSON is for scripts.
/// </summary>
public static class LsCommand
{
    /// <summary>The output formats.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var selector = SelectorArgument.Create($"{SelectorArgument.DefaultDescription}; all when absent");
        var output = OutputOption.Create("table");
        var targets = new TargetOptions();
        var ls = new EcsOpsCommand("ls", "List task containers across accounts and regions, with exec readiness");
        ls.Arguments.Add(selector);
        ls.Options.Add(output);
        targets.AddTo(ls);
        ls.SetAction(async (parse, cancellationToken) =>
        {
            using var workspace = WorkspaceFactory.Create(parse, context);
            var query = workspace.Query(parse.GetValue(selector), targets.Flags(parse));
            var result = await workspace.Discovery.DiscoverAsync(query.Selector, parse.GetValue(targets.Refresh), cancellationToken);
            ContainerChooser.Warn(context, result.Failures);
            if (parse.GetValue(output) == "json")
            {
                var rows = result.Containers.Select(ContainerRow.From).ToList();
                context.Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize<IReadOnlyList<ContainerRow>>(rows, ContainerJsonContext.Default.IReadOnlyListContainerRow));
                return ExitCodes.Ok;
            }

            if (result.Containers.Count == 0)
            {
                context.Diagnostics.MarkupLine(
                    $"no containers match {Markup.Escape(TargetOptions.Describe(parse.GetValue(selector), targets.Flags(parse)))}");
                return ExitCodes.Ok;
            }

            context.Console.Write(ContainerTable.Build(result.Containers));
            return ExitCodes.Ok;
        });
        return ls;
    }
}
