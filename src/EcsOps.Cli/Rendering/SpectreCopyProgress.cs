using EcsOps.Runbooks.Files;
using Spectre.Console;

namespace EcsOps.Cli.Rendering;

/// <summary>A cp transfer as a Spectre progress bar (bytes, speed, time left); used only when stderr is a terminal.</summary>
internal sealed class SpectreCopyProgress(ProgressContext context) : ICopyProgress
{
    private ProgressTask? _task;

    public void Begin(string description, long? totalBytes)
    {
        _task?.StopTask();
        var task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(1, totalBytes ?? 1));
        task.IsIndeterminate = totalBytes is null;
        Volatile.Write(ref _task, task);
    }

    public void Advance(long bytes)
    {
        if (Volatile.Read(ref _task) is { IsIndeterminate: false } task)
        {
            task.Increment(bytes);
        }
    }

    /// <summary>Runs <paramref name="copy"/> with a progress display on <paramref name="console"/>.</summary>
    public static Task<T> RunAsync<T>(IAnsiConsole console, Func<ICopyProgress, Task<T>> copy) =>
        console.Progress()
            .AutoClear(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new DownloadedColumn(),
                new TransferSpeedColumn(),
                new RemainingTimeColumn())
            .StartAsync(context => copy(new SpectreCopyProgress(context)));
}
