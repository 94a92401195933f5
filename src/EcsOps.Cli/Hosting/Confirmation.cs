using Spectre.Console;

namespace EcsOps.Cli.Hosting;

/// <summary>Asks on the terminal (prompts and pickers go to stderr) before an operation; <c>--yes</c> skips it, and no terminal means no asking.</summary>
public static class Confirmation
{
    /// <summary>True when a prompt or picker can be shown and answered: neither stdin nor stderr is redirected.</summary>
    public static bool CanAsk(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return !context.Streams.IsInputRedirected && !context.Streams.IsErrorRedirected;
    }

    /// <summary>A yes/no question, no by default.</summary>
    public static Task<bool> AskAsync(CliContext context, string question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ConfirmationPrompt(question) { DefaultValue = false }.ShowAsync(context.Diagnostics, cancellationToken);
    }

    /// <summary>The operator types <paramref name="expected"/> exactly; anything else is a no.</summary>
    public static async Task<bool> TypeToConfirmAsync(CliContext context, string question, string expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var typed = await new TextPrompt<string>(question) { AllowEmpty = true }.ShowAsync(context.Diagnostics, cancellationToken);
        return string.Equals(typed.Trim(), expected, StringComparison.Ordinal);
    }
}
