using EcsOps.Aws.Doctor;
using Spectre.Console;

namespace EcsOps.Cli.Rendering;

/// <summary>
/// A doctor report as text: a heading naming the container, then one line per check,
/// <c>PASS|WARN|FAIL  title: detail. Fix: …</c>.
/// </summary>
public static class DoctorReportText
{
    public static void Write(IAnsiConsole console, DoctorReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        console.MarkupLine($"doctor {Markup.Escape(report.Container.Path)} (task {Markup.Escape(report.Container.TaskId)})");
        WriteLines(console, report.Checks);
        var failed = report.Checks.Count(c => c.Status == DoctorStatus.Fail);
        var warned = report.Checks.Count(c => c.Status == DoctorStatus.Warn);
        console.MarkupLine(failed == 0
            ? $"[green]no check failed[/]{(warned > 0 ? $" ({warned} warning{(warned == 1 ? "" : "s")})" : "")}: ECS Exec should reach this container"
            : $"[red]{failed} check{(failed == 1 ? "" : "s")} failed[/]: ECS Exec cannot reach this container until {(failed == 1 ? "it is" : "they are")} fixed");
    }

    /// <summary>The short form after a session failed with TargetNotConnected: only the warnings and failures.</summary>
    public static void WriteProblems(IAnsiConsole console, DoctorReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var problems = report.Problems;
        console.MarkupLine(problems.Count == 0
            ? $"doctor found nothing wrong with {Markup.Escape(report.Container.Path)}; the agent may still be connecting"
            : $"doctor: what may keep the agent of {Markup.Escape(report.Container.Path)} from connecting:");
        WriteLines(console, problems);
    }

    /// <summary><c>PASS</c>, <c>WARN</c> or <c>FAIL</c>.</summary>
    public static string Label(DoctorStatus status) => status switch
    {
        DoctorStatus.Pass => "PASS",
        DoctorStatus.Warn => "WARN",
        _ => "FAIL",
    };

    private static void WriteLines(IAnsiConsole console, IEnumerable<DoctorCheck> checks)
    {
        foreach (var check in checks)
        {
            var color = check.Status switch
            {
                DoctorStatus.Pass => "green",
                DoctorStatus.Warn => "yellow",
                _ => "red",
            };
            var fix = check.Fix is { } f ? $". Fix: {f}" : "";
            console.MarkupLine($"[{color}]{Label(check.Status)}[/]  {Markup.Escape(check.Title)}: {Markup.Escape(check.Detail + fix)}");
        }
    }
}
