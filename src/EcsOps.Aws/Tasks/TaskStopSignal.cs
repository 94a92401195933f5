namespace EcsOps.Aws.Tasks;

/// <summary>
/// Asks a running <see cref="TaskRunner"/> to stop its task (StopTask) with a reason; the first request wins. Used for
/// Ctrl-C and timeouts, where the task must be stopped and still be followed to STOPPED.
/// </summary>
public sealed class TaskStopSignal : IDisposable
{
    private readonly CancellationTokenSource _requested = new();
    private string? _reason;

    /// <summary>The StopTask reason; null until a stop is requested.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary>Fires when a stop is requested.</summary>
    public CancellationToken Token => _requested.Token;

    /// <summary>Requests the stop; false when one was already requested (its reason stays).</summary>
    public bool Request(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        if (Interlocked.CompareExchange(ref _reason, reason, null) is not null)
        {
            return false;
        }

        _requested.Cancel();
        return true;
    }

    public void Dispose() => _requested.Dispose();
}
