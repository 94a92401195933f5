namespace EcsOps.Aws.Audit.Jsonl;

/// <summary>
/// The writers' lock of an audit file: an exclusive lock (flock, through <see cref="FileShare.None"/>) on
/// <c>&lt;file&gt;.lock</c>, held while one entry is appended. Readers never take it, so <c>audit tail --follow</c>
/// cannot hold writers up. The operating system releases it when a writer dies.
/// </summary>
internal sealed class AuditFileLock : IDisposable
{
    private static readonly TimeSpan s_firstRetry = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan s_maxRetry = TimeSpan.FromMilliseconds(100);

    private readonly FileStream _stream;

    private AuditFileLock(FileStream stream) => _stream = stream;

    /// <exception cref="IOException">Another writer held the lock for longer than <paramref name="timeout"/>.</exception>
    public static async Task<AuditFileLock> AcquireAsync(string lockPath, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var retry = s_firstRetry;
        while (true)
        {
            try
            {
                return new AuditFileLock(OwnerOnlyFile.Open(lockPath, FileShare.None));
            }
            catch (IOException error) when (error is not FileNotFoundException and not DirectoryNotFoundException)
            {
                if (timeProvider.GetElapsedTime(started) >= timeout)
                {
                    throw new IOException($"another ecsops held the lock {lockPath} for more than {timeout.TotalSeconds:0} s", error);
                }
            }

            // flock has no asynchronous wait; a short, growing back-off keeps the wait cheap.
            await Task.Delay(retry, timeProvider, cancellationToken);
            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, s_maxRetry.Ticks));
        }
    }

    public void Dispose() => _stream.Dispose();
}
