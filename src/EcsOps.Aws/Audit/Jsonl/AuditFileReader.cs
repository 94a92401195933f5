using System.Runtime.CompilerServices;
using System.Text.Json;

namespace EcsOps.Aws.Audit.Jsonl;

/// <summary>
/// Reads the audit file without locking it (appends are whole lines, flushed; an unfinished last line is left for
/// the next read). Used by <c>audit tail</c> (from an offset, to follow) and <c>audit verify</c>.
/// </summary>
public static class AuditFileReader
{
    /// <summary>The complete lines from <paramref name="offset"/> on, numbered from <paramref name="firstNumber"/>.</summary>
    /// <returns>The lines, the offset after the last complete line, and how many bytes follow it unfinished.</returns>
    public static (IReadOnlyList<AuditFileLine> Lines, long NextOffset, long UnfinishedBytes) Read(string path, long offset = 0, int firstNumber = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!System.IO.File.Exists(path))
        {
            return ([], 0, 0);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (offset > stream.Length)
        {
            // The file was replaced or cut; start over.
            offset = 0;
            firstNumber = 1;
        }

        stream.Position = offset;
        var bytes = new byte[stream.Length - offset];
        stream.ReadExactly(bytes);
        var lines = new List<AuditFileLine>();
        var start = 0;
        var number = firstNumber;
        int newline;
        while ((newline = bytes.AsSpan(start).IndexOf((byte)'\n')) >= 0)
        {
            lines.Add(Parse(number++, bytes.AsSpan(start, newline).ToArray()));
            start += newline + 1;
        }

        return (lines, offset + start, bytes.Length - start);
    }

    /// <summary>
    /// The events of the file at or after <paramref name="since"/>; with <paramref name="follow"/>, then every event
    /// appended later, looking every <paramref name="pollInterval"/>, until cancelled.
    /// </summary>
    public static async IAsyncEnumerable<AuditEvent> ReadEventsAsync(
        string path,
        DateTimeOffset? since,
        bool follow,
        TimeSpan pollInterval,
        TimeProvider timeProvider,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long offset = 0;
        var number = 1;
        using var timer = follow ? new PeriodicTimer(pollInterval, timeProvider) : null;
        while (true)
        {
            var (lines, next, _) = Read(path, offset, number);
            offset = next;
            number = lines.Count > 0 ? lines[^1].Number + 1 : number;
            foreach (var line in lines)
            {
                if (line.Event is { } auditEvent && (since is null || auditEvent.Time >= since))
                {
                    yield return auditEvent;
                }
            }

            if (timer is null || !await timer.WaitForNextTickAsync(cancellationToken))
            {
                yield break;
            }
        }
    }

    /// <summary>One line's fields; a line that is not a valid entry has null chain and event.</summary>
    public static AuditFileLine Parse(int number, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            var chain = JsonSerializer.Deserialize(bytes, AuditJsonContext.Default.AuditChainFields);
            var auditEvent = JsonSerializer.Deserialize(bytes, AuditJsonContext.Default.AuditEvent);
            return chain?.Prev is null || auditEvent?.RunId is null
                ? new AuditFileLine(number, bytes, null, null)
                : new AuditFileLine(number, bytes, chain, auditEvent);
        }
        catch (JsonException)
        {
            return new AuditFileLine(number, bytes, null, null);
        }
    }
}
