using System.Text;

namespace EcsOps.Server.Engine;

/// <summary>
/// A write-only stream that turns the bytes a runbook writes (stdout or stderr) into lines of job output: split at
/// <c>\n</c> (a trailing <c>\r</c> dropped), decoded as UTF-8 with invalid bytes replaced, lines longer than
/// <see cref="MaxLineBytes"/> cut into pieces. <see cref="Complete"/> emits a last line without a newline.
/// </summary>
public sealed class JobOutputStream(IJobOutput output, OutputStream stream) : Stream
{
    /// <summary>The longest line kept whole; longer ones are cut so a stream without newlines cannot grow without bound.</summary>
    public const int MaxLineBytes = 16 * 1024;

    private readonly MemoryStream _line = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_line)
        {
            foreach (var b in buffer)
            {
                if (b == (byte)'\n')
                {
                    EmitLine();
                }
                else
                {
                    _line.WriteByte(b);
                    if (_line.Length >= MaxLineBytes)
                    {
                        EmitLine();
                    }
                }
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Emits what is left after the last newline as a line of its own.</summary>
    public void Complete()
    {
        lock (_line)
        {
            if (_line.Length > 0)
            {
                EmitLine();
            }
        }
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _line.Dispose();
        }

        base.Dispose(disposing);
    }

    private void EmitLine()
    {
        var bytes = _line.GetBuffer().AsSpan(0, (int)_line.Length);
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        output.WriteLine(stream, Encoding.UTF8.GetString(bytes));
        _line.SetLength(0);
    }
}
