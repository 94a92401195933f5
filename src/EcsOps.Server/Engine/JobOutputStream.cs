using System.Text;
using EcsOps.Protocol.Streams;

namespace EcsOps.Server.Engine;

/// <summary>
/// A write-only stream that turns the bytes a runbook writes (stdout or stderr) into lines of job output: split at
/// <c>\n</c> (a trailing <c>\r</c> dropped), decoded as UTF-8 with invalid bytes replaced, lines longer than
/// <see cref="MaxLineBytes"/> cut into pieces. <see cref="Complete"/> emits a last line without a newline.
/// </summary>
public sealed class JobOutputStream(IJobOutput output, OutputStream stream) : WriteOnlyStream
{
    /// <summary>The longest line kept whole; longer ones are cut so a stream without newlines cannot grow without bound.</summary>
    public const int MaxLineBytes = 16 * 1024;

    private readonly MemoryStream _line = new();

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
