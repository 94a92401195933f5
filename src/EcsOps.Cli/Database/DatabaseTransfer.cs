using EcsOps.Cli.Hosting;
using EcsOps.Cli.Rendering;
using EcsOps.Runbooks.Postgres;
using Spectre.Console;

namespace EcsOps.Cli.Database;

/// <summary>What db backup and db restore share around their transfer: the progress display, the tool's exit status passed through, its messages shown.</summary>
public static class DatabaseTransfer
{
    /// <summary>Runs <paramref name="work"/> under the progress display; pg_dump's or pg_restore's failure exits with its own status.</summary>
    public static async Task<T> RunAsync<T>(CliContext context, TransferMeter meter, Func<Task<T>> work)
    {
        try
        {
            return await TransferProgressDisplay.RunAsync(context, meter, work);
        }
        catch (DatabaseToolFailedException error) when (error.ExitStatus is { } status)
        {
            throw new UserFacingException(error.Message, status, error);
        }
    }

    /// <summary>What the tool wrote on stderr although it succeeded (warnings), after the progress display is gone.</summary>
    public static void ShowToolMessages(CliContext context, string tool, string? messages)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (messages is not null)
        {
            context.Diagnostics.MarkupLine($"[yellow]{Markup.Escape(tool)} said:[/] {Markup.Escape(messages)}");
        }
    }
}
