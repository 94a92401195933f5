using System.CommandLine;
using System.Text.Json;
using EcsOps.Aws.Doctor;
using EcsOps.Cli.Hosting;
using EcsOps.Cli.Rendering;
using EcsOps.Cli.Targeting;

namespace EcsOps.Cli.Commands;

/// <summary>
/// <c>ecsops doctor [SELECTOR] [target flags] [--output table|json]</c>: why ECS Exec can or cannot reach a container,
/// one pass/warn/fail line per check with the fix. Exits 0 when no check failed, 1 when one did, 255 when the diagnosis
/// itself could not run.
/// </summary>
public static class DoctorCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var selector = SelectorArgument.Create();
        var output = OutputOption.Create("table");
        var targets = new TargetOptions();
        var doctor = new EcsOpsCommand("doctor", "Check why ECS Exec can or cannot reach a container, with the fix for each problem")
        {
            FailureExitCode = ExitCodes.EcsOpsError,
        };
        doctor.Arguments.Add(selector);
        doctor.Options.Add(output);
        targets.AddTo(doctor);
        doctor.SetAction(async (parse, cancellationToken) =>
        {
            using var workspace = WorkspaceFactory.Create(parse, context);
            var (container, _) = await ContainerChooser.ChooseAsync(
                workspace, parse, targets, parse.GetValue(selector), context, ExitCodes.EcsOpsError, cancellationToken);
            var report = await ExecDoctor.For(workspace).DiagnoseAsync(container, cancellationToken);
            if (parse.GetValue(output) == "json")
            {
                context.Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(DoctorReportRow.From(report), DoctorJsonContext.Default.DoctorReportRow));
            }
            else
            {
                DoctorReportText.Write(context.Console, report);
            }

            return report.HasFailures ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return doctor;
    }
}
