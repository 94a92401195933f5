namespace EcsOps.Aws.Audit.Jsonl;

/// <summary>The end of an audit file as an appender needs it: the last complete line and any unfinished bytes after it.</summary>
/// <param name="LastLine">The last line that ends in a newline (without it); null when there is none.</param>
/// <param name="CompleteLength">The length of the file up to and including the last newline.</param>
/// <param name="TornLength">Bytes after the last newline: a write cut short.</param>
internal sealed record AuditFileTail(byte[]? LastLine, long CompleteLength, long TornLength)
{
    private const int BlockLength = 64 * 1024;

    /// <summary>Reads backwards from the end of <paramref name="stream"/>, so appending stays cheap for big files.</summary>
    public static AuditFileTail Read(FileStream stream)
    {
        var length = stream.Length;
        var lastNewline = LastNewlineBefore(stream, length);
        if (lastNewline < 0)
        {
            return new AuditFileTail(null, 0, length);
        }

        var lineStart = LastNewlineBefore(stream, lastNewline) + 1;
        var line = new byte[lastNewline - lineStart];
        stream.Position = lineStart;
        stream.ReadExactly(line);
        return new AuditFileTail(line, lastNewline + 1, length - (lastNewline + 1));
    }

    /// <summary>The offset of the last '\n' before <paramref name="end"/>; -1 when there is none.</summary>
    private static long LastNewlineBefore(FileStream stream, long end)
    {
        var buffer = new byte[BlockLength];
        while (end > 0)
        {
            var start = Math.Max(0, end - BlockLength);
            var count = (int)(end - start);
            stream.Position = start;
            stream.ReadExactly(buffer, 0, count);
            var index = buffer.AsSpan(0, count).LastIndexOf((byte)'\n');
            if (index >= 0)
            {
                return start + index;
            }

            end = start;
        }

        return -1;
    }
}
