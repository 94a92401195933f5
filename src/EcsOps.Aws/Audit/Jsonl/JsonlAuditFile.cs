using System.Text.Json;

namespace EcsOps.Aws.Audit.Jsonl;

/// <summary>
/// The local audit file: one JSON object per line, <c>{"seq":N,"prev":"&lt;sha-256 of the previous line&gt;",…event}</c>.
/// Appends are serialised across processes by <see cref="AuditFileLock"/> and flushed to disk before returning. A
/// line left unfinished by a crash (no newline at the end of the file) is removed by the next append, which records
/// how many bytes it dropped in <c>droppedBytes</c> and chains to the last complete line, so the chain stays whole.
/// </summary>
public sealed class JsonlAuditFile : IAuditSink
{
    /// <summary>How long an append waits for other writers.</summary>
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(10);

    private readonly TimeSpan _lockTimeout;
    private readonly TimeProvider _timeProvider;

    public JsonlAuditFile(string path, TimeProvider? timeProvider = null, TimeSpan? lockTimeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FilePath = Path.GetFullPath(path);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _lockTimeout = lockTimeout ?? DefaultLockTimeout;
    }

    public string FilePath { get; }

    public string Description => $"file {FilePath}";

    public async Task WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken) => await AppendAsync(auditEvent, cancellationToken);

    /// <summary>Appends one entry; returns its chain fields.</summary>
    /// <exception cref="IOException">The file cannot be written, or its last entry is unreadable.</exception>
    public async Task<AuditChainFields> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        OwnerOnlyFile.EnsureDirectory(Path.GetDirectoryName(FilePath));

        using var writers = await AuditFileLock.AcquireAsync(FilePath + ".lock", _lockTimeout, _timeProvider, cancellationToken);
        await using var stream = OwnerOnlyFile.Open(FilePath, FileShare.ReadWrite);
        var tail = AuditFileTail.Read(stream);
        if (tail.TornLength > 0)
        {
            stream.SetLength(tail.CompleteLength);
        }

        var chain = tail.LastLine is null
            ? new AuditChainFields(1, AuditChain.Genesis)
            : new AuditChainFields(SeqOf(tail.LastLine) + 1, AuditChain.Hash(tail.LastLine));
        if (tail.TornLength > 0)
        {
            chain = chain with { DroppedBytes = tail.TornLength };
        }

        var line = Compose(chain, auditEvent);
        stream.Seek(0, SeekOrigin.End);
        await stream.WriteAsync(line, cancellationToken);
        stream.Flush(flushToDisk: true);
        return chain;
    }

    /// <summary>The bytes of one line, newline included: the chain fields, then the event's own fields.</summary>
    public static byte[] Compose(AuditChainFields chain, AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(auditEvent);
        var head = JsonSerializer.SerializeToUtf8Bytes(chain, AuditJsonContext.Default.AuditChainFields);
        var body = JsonSerializer.SerializeToUtf8Bytes(auditEvent, AuditJsonContext.Default.AuditEvent);

        // {"seq":…,"prev":"…"} + {"runId":…} → {"seq":…,"prev":"…","runId":…}\n
        var line = new byte[head.Length + body.Length];
        head.AsSpan(0, head.Length - 1).CopyTo(line);
        line[head.Length - 1] = (byte)',';
        body.AsSpan(1).CopyTo(line.AsSpan(head.Length));
        line[^1] = (byte)'\n';
        return line;
    }

    private long SeqOf(byte[] line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, AuditJsonContext.Default.AuditChainFields)?.Seq
                ?? throw new JsonException("the line is null");
        }
        catch (JsonException error)
        {
            throw new IOException(
                $"the last entry of {FilePath} is not a valid audit entry, so nothing can be chained to it; run 'ecsops audit verify' and move the file aside", error);
        }
    }
}
