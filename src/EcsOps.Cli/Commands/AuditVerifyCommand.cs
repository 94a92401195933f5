using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EcsOps.Aws.Audit.Jsonl;
using EcsOps.Cli.Hosting;
using EcsOps.Cli.Rendering;

namespace EcsOps.Cli.Commands;

/// <summary>
/// <c>ecsops audit verify [--since DURATION|TIME] [--output text|json]</c>: checks the local audit file's hash chain.
/// Every break is printed as <c>line N (run ID): what is wrong</c>; any break exits 1.
/// </summary>
public static class AuditVerifyCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var since = SinceOption.Create(TimeProvider.System);
        var output = OutputOption.Create("text");
        var verify = new EcsOpsCommand("verify", "Check that no entry of the local audit file was changed, deleted, inserted or moved")
        {
            since, output,
        };
        verify.SetAction(parse =>
        {
            var path = AuditCommand.LocalFile(WorkspaceFactory.LoadConfig(parse, context));
            var result = AuditFileVerifier.Verify(path, parse.GetValue(since));
            var writer = context.Console.Profile.Out.Writer;
            if (parse.GetValue(output) == "json")
            {
                writer.WriteLine(JsonSerializer.Serialize(AuditVerificationReport.From(path, result), AuditVerificationReportJsonContext.Default.AuditVerificationReport));
            }
            else
            {
                foreach (var finding in result.Findings)
                {
                    writer.WriteLine(finding.ToString());
                }

                if (result.IsIntact)
                {
                    var span = result.First is { } first && result.Last is { } last
                        ? string.Create(CultureInfo.InvariantCulture, $" from {first.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} to {last.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}")
                        : "";
                    writer.WriteLine($"ok: {result.EntriesChecked} entries{span}, chain intact ({path})");
                }
            }

            if (result.UnfinishedBytes > 0)
            {
                AuditScope.Warn(context, $"the last line of {path} is unfinished ({result.UnfinishedBytes} bytes; a write was interrupted). The next audited action removes it and records that.");
            }

            return result.IsIntact
                ? ExitCodes.Ok
                : throw new UserFacingException(
                    $"the audit file {path} has been tampered with: {result.Findings.Count} problem(s), the first at {result.Findings[0]}");
        });
        return verify;
    }
}
