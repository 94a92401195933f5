using System.Globalization;
using EcsOps.Runbooks.Inspect;
using Spectre.Console;

namespace EcsOps.Cli.Rendering;

/// <summary>Renders an <see cref="InspectReport"/> for a terminal: a summary, then one titled section per part asked for.</summary>
internal static class InspectRenderer
{
    public static void Render(IAnsiConsole console, InspectReport report)
    {
        RenderTask(console, report);
        if (report.Definitions is { } definitions)
        {
            RenderDefinitions(console, definitions);
        }

        if (report.Environment is { } environment)
        {
            RenderEnvironment(console, environment, report.Revealed);
        }

        foreach (var file in report.Files ?? [])
        {
            RenderFile(console, file);
        }

        if (report.Stopped is { } stopped)
        {
            RenderStopped(console, stopped);
        }

        if (report.Logs is { } logs)
        {
            RenderLogs(console, logs);
        }
    }

    private static void RenderTask(IAnsiConsole console, InspectReport report)
    {
        var task = report.Task;
        Section(console, $"Task {task.TaskId}");
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                grid.AddRow(new Markup($"[grey]{name}[/]"), new Text(value));
            }
        }

        Row("target", report.Target);
        Row("task", task.TaskArn);
        Row("definition", task.TaskDefinition);
        Row("status", $"{task.LastStatus} (desired {task.DesiredStatus}), health {task.HealthStatus ?? "UNKNOWN"}");
        Row("started", $"{Time(task.StartedAt)}{(task.StartedBy is null ? "" : $" by {task.StartedBy}")}");
        Row("platform", $"{task.LaunchType} {task.PlatformVersion}, cpu {task.Cpu}, memory {task.Memory}");
        Row("zone", task.AvailabilityZone);
        Row("addresses", string.Join(", ", task.PrivateIpv4Addresses));
        Row("exec", task.ExecReady ? "ready" : "not possible: " + string.Join("; ", task.ExecProblems));
        console.Write(grid);
        var containers = new Table().Border(TableBorder.Simple)
            .AddColumns("CONTAINER", "STATUS", "HEALTH", "EXIT", "EXEC AGENT", "IMAGE");
        foreach (var container in task.Containers)
        {
            containers.AddRow(
                Cell(container.Name), Cell(container.LastStatus), Cell(container.HealthStatus), Cell(Number(container.ExitCode)),
                Cell(container.ExecAgentStatus), Cell(container.Image + (container.Reason is null ? "" : $" ({container.Reason})")));
        }

        console.Write(containers);
    }

    private static void RenderDefinitions(IAnsiConsole console, DefinitionReport definitions)
    {
        Section(console, "Task definition");
        if (definitions.Compared is null)
        {
            console.MarkupLine(Markup.Escape($"{definitions.Running}: the task runs the newest revision"));
            foreach (var line in definitions.Summary)
            {
                console.WriteLine("  " + line);
            }

            return;
        }

        var why = definitions.ComparedRole == "service"
            ? "the service's revision (a deployment is under way; new tasks get it)"
            : "the newest registered revision (not deployed)";
        console.MarkupLine(Markup.Escape($"--- {definitions.Running} (this task)"));
        console.MarkupLine(Markup.Escape($"+++ {definitions.Compared}, {why}"));
        if (definitions.Diff.Count == 0)
        {
            console.MarkupLine("[grey]no differences in the compared fields[/]");
        }

        foreach (var line in definitions.Diff)
        {
            var (style, prefix) = line.Kind switch
            {
                DiffLine.Removed => ("red", "-"),
                DiffLine.Added => ("green", "+"),
                DiffLine.Hunk => ("cyan", ""),
                _ => ("default", " "),
            };
            console.MarkupLine($"[{style}]{Markup.Escape(prefix + line.Text)}[/]");
        }
    }

    private static void RenderEnvironment(IAnsiConsole console, EnvironmentReport environment, bool revealed)
    {
        Section(console, revealed ? "Environment (secret values REVEALED)" : "Environment (secret values masked; --reveal shows them)");
        if (environment.LiveUnavailable is { } reason)
        {
            console.MarkupLine($"[yellow]live values not read:[/] {Markup.Escape(reason)}; showing the task definition's");
        }

        var table = new Table().Border(TableBorder.Simple).AddColumns("NAME", "VALUE", "SOURCE");
        foreach (var variable in environment.Variables)
        {
            var value = variable.Value ?? "(not read)";
            if (variable.DefinitionValue is { } declared)
            {
                value += $"  (definition: {declared})";
            }

            var source = variable.ValueFrom is null ? variable.Source : $"secret {variable.ValueFrom}";
            table.AddRow(Cell(variable.Name), Cell(value), Cell(source));
        }

        console.Write(table);
    }

    private static void RenderFile(IAnsiConsole console, FileReport file)
    {
        var size = file.Size is { } bytes ? $", {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes" : "";
        Section(console, $"File {file.Path} ({file.Status}{size})");
        if (file.Status == "unavailable")
        {
            console.MarkupLine($"[yellow]not read:[/] {Markup.Escape(file.Text ?? "exec is not possible")}");
            return;
        }

        if (file.Binary)
        {
            console.MarkupLine($"[grey]binary content, not shown; fetch it with: ecsops cp SELECTOR:{Markup.Escape(file.Path)} .[/]");
        }
        else if (file.Text is { } text)
        {
            console.WriteLine(text.EndsWith('\n') ? text[..^1] : text);
        }

        if (file.Truncated)
        {
            console.MarkupLine(Markup.Escape($"[… only the first {file.ShownBytes:N0} bytes are shown; ecsops cp fetches the whole file]"));
        }

        if (file.Masked)
        {
            console.MarkupLine("[grey](secret values masked; --reveal shows them)[/]");
        }
    }

    private static void RenderStopped(IAnsiConsole console, IReadOnlyList<StoppedTaskSummary> stopped)
    {
        Section(console, "Recently stopped tasks");
        if (stopped.Count == 0)
        {
            console.MarkupLine("[grey]none (ECS keeps stopped tasks for about an hour)[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Simple).AddColumns("TASK", "DEFINITION", "STOPPED", "CODE", "REASON", "EXIT CODES");
        foreach (var task in stopped)
        {
            var exits = string.Join(", ", task.Containers.Select(c => $"{c.Name}={Number(c.ExitCode)}{(c.Reason is null ? "" : $" ({c.Reason})")}"));
            table.AddRow(Cell(task.TaskId), Cell(task.TaskDefinition), Cell(Time(task.StoppedAt)), Cell(task.StopCode), Cell(task.StoppedReason), Cell(exits));
        }

        console.Write(table);
    }

    private static void RenderLogs(IAnsiConsole console, LogReport logs)
    {
        Section(console, logs.Group is null ? "Logs" : $"Logs {logs.Group} {logs.Stream}");
        if (logs.Unavailable is { } reason)
        {
            console.MarkupLine($"[yellow]not read:[/] {Markup.Escape(reason)}");
        }

        foreach (var line in logs.Lines)
        {
            console.WriteLine($"{Time(line.Timestamp)}  {line.Message}");
        }
    }

    private static void Section(IAnsiConsole console, string title)
    {
        // A plain heading rather than a Rule: piped output is 1024 columns wide, and a rule would fill all of them.
        console.WriteLine();
        console.MarkupLine($"[bold]── {Markup.Escape(title)}[/]");
    }

    private static Text Cell(string? value) => new(value ?? "-");

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Time(DateTimeOffset? time) => time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
}
