using System.CommandLine;
using System.Text.Json;
using EcsOps.Cli.Hosting;
using EcsOps.Cli.Rendering;
using EcsOps.Runbooks.Loading;

namespace EcsOps.Cli.Commands;

/// <summary><c>ecsops runbooks [--output table|json]</c>: the runbooks ecsops.yaml declares, with their parameters.</summary>
public static class RunbooksCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = OutputOption.Create("table");
        var runbooks = new EcsOpsCommand("runbooks", "List the runbooks declared in ecsops.yaml, with their parameters");
        runbooks.Options.Add(output);
        runbooks.SetAction(parse =>
        {
            var catalog = RunbookLoader.Load(WorkspaceFactory.LoadConfig(parse, context));
            if (parse.GetValue(output) == "json")
            {
                var rows = catalog.Runbooks.Select(RunbookRow.From).ToList();
                context.Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize<IReadOnlyList<RunbookRow>>(rows, RunbookJsonContext.Default.IReadOnlyListRunbookRow));
                return ExitCodes.Ok;
            }

            if (catalog.Runbooks.Count == 0)
            {
                context.Diagnostics.Profile.Out.Writer.WriteLine("no runbooks: declare them under runbooks: in ecsops.yaml (see docs/runbooks.md)");
                return ExitCodes.Ok;
            }

            context.Console.Write(RunbookTable.Build(catalog.Runbooks));
            return ExitCodes.Ok;
        });
        return runbooks;
    }
}
