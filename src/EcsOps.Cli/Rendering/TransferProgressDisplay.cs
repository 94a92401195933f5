using EcsOps.Cli.Hosting;
using EcsOps.Runbooks.Postgres;
using Spectre.Console;

namespace EcsOps.Cli.Rendering;

/// <summary>
/// Shows a <see cref="TransferMeter"/> while work runs: a progress bar on stderr when stderr is a terminal (a bar
/// when the phase's total is known, bytes and rate when not), one line per phase otherwise, so logs stay readable.
/// </summary>
public static class TransferProgressDisplay
{
    private static readonly TimeSpan s_refresh = TimeSpan.FromMilliseconds(200);

    public static async Task<T> RunAsync<T>(CliContext context, TransferMeter meter, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(work);
        if (context.Streams.IsErrorRedirected)
        {
            return await WithPhaseLinesAsync(context, meter, work);
        }

        return await context.Diagnostics.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new TransferSpeedColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                ProgressTask? task = null;
                string? phase = null;
                var running = work();
                using var timer = new PeriodicTimer(s_refresh);
                while (!running.IsCompleted)
                {
                    if (meter.Phase != phase)
                    {
                        task?.StopTask();
                        phase = meter.Phase;
                        task = progress.AddTask(phase, maxValue: meter.Total ?? 1);
                        task.IsIndeterminate = meter.Total is null;
                    }

                    Update(task!, meter);
                    await Task.WhenAny(running, timer.WaitForNextTickAsync().AsTask());
                }

                return await running;
            });
    }

    private static void Update(ProgressTask task, TransferMeter meter)
    {
        var bytes = meter.Bytes;
        if (meter.Total is { } total)
        {
            task.Value = Math.Min(bytes, total);
            task.Description = $"{Markup.Escape(meter.Phase)} {ByteSize.Format(bytes)} of {ByteSize.Format(total)}";
        }
        else
        {
            task.MaxValue = Math.Max(task.MaxValue, bytes + 1);
            task.Value = bytes;

            // A phase that moves no bytes of ours (a task dumping inside AWS) shows its name and time only.
            task.Description = bytes == 0 ? Markup.Escape(meter.Phase) : $"{Markup.Escape(meter.Phase)} {ByteSize.Format(bytes)}";
        }
    }

    private static async Task<T> WithPhaseLinesAsync<T>(CliContext context, TransferMeter meter, Func<Task<T>> work)
    {
        string? phase = null;
        var running = work();
        using var timer = new PeriodicTimer(s_refresh);
        while (!running.IsCompleted)
        {
            if (meter.Phase != phase)
            {
                phase = meter.Phase;
                if (phase != TransferMeter.InitialPhase)
                {
                    context.Diagnostics.MarkupLine($"{Markup.Escape(phase)}…");
                }
            }

            await Task.WhenAny(running, timer.WaitForNextTickAsync().AsTask());
        }

        return await running;
    }
}
