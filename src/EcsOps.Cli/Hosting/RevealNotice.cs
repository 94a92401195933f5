using EcsOps.Runbooks.Inspect;
using Spectre.Console;

namespace EcsOps.Cli.Hosting;

/// <summary>
/// Stands in for the audit log at <c>inspect --reveal</c> until the audit library (src/EcsOps.Aws/Audit) is wired:
/// says on stderr what is being revealed and that it is not yet audited. Replace it with the audit sink's
/// <see cref="ISecretRevealRecorder"/> in <c>InspectCommand</c>; <see cref="TaskInspection"/> calls it exactly once,
/// before any value is shown, and aborts when it throws.
/// </summary>
internal sealed class RevealNotice(IAnsiConsole diagnostics) : ISecretRevealRecorder
{
    public Task RecordAsync(SecretReveal reveal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reveal);
        var what = string.Join(", ", reveal.Variables.Concat(reveal.Files));
        diagnostics.MarkupLine(Markup.Escape(
            $"warning: revealing secret values of {reveal.Target} ({(what.Length == 0 ? "none found" : what)}); not yet recorded in an audit log"));
        return Task.CompletedTask;
    }
}
