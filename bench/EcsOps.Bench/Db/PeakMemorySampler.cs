using System.Globalization;

namespace EcsOps.Bench.Db;

/// <summary>
/// Follows a process's peak resident set (VmHWM in /proc/PID/status, which the kernel keeps as a high-water mark)
/// until it exits; the last value read is the peak.
/// </summary>
internal sealed class PeakMemorySampler : IAsyncDisposable
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(50);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakBytes;

    public PeakMemorySampler(int processId) => _loop = SampleAsync(processId);

    public long PeakBytes => Interlocked.Read(ref _peakBytes);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task SampleAsync(int processId)
    {
        using var timer = new PeriodicTimer(s_interval);
        var path = $"/proc/{processId}/status";
        do
        {
            try
            {
                foreach (var line in await File.ReadAllLinesAsync(path))
                {
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    {
                        var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                        Interlocked.Exchange(ref _peakBytes, Math.Max(Interlocked.Read(ref _peakBytes), kilobytes * 1024));
                    }
                }
            }
            catch (IOException)
            {
                return;
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
