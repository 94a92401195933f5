using System.Text;

namespace EcsOps.Runbooks.Exec;

/// <summary>
/// Encodes stdin for a command wrapped by <see cref="ExecWrapper"/>: base64 lines of 76 characters that the
/// remote terminal (canonical mode, echo off) passes to <c>base64 -d</c>, then ^D at the start of a line
/// for end of input. Base64 has no control characters, so the terminal cannot alter or interrupt it.
/// </summary>
public sealed class ExecInputEncoder
{
    /// <summary>Bytes per line: 57 bytes make exactly 76 base64 characters with no padding.</summary>
    public const int BytesPerLine = 57;

    private const byte EndOfTransmission = 0x04;
    private readonly byte[] _pending = new byte[BytesPerLine];
    private int _pendingLength;

    /// <summary>Returns the complete lines <paramref name="data"/> adds; a partial line waits for more.</summary>
    public byte[] Encode(ReadOnlySpan<byte> data)
    {
        var output = new MemoryStream();
        while (!data.IsEmpty)
        {
            var take = Math.Min(BytesPerLine - _pendingLength, data.Length);
            data[..take].CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += take;
            data = data[take..];
            if (_pendingLength == BytesPerLine)
            {
                WriteLine(output);
            }
        }

        return output.ToArray();
    }

    /// <summary>The last partial line, if any, and the end-of-input byte.</summary>
    public byte[] Finish()
    {
        var output = new MemoryStream();
        if (_pendingLength > 0)
        {
            WriteLine(output);
        }

        output.WriteByte(EndOfTransmission);
        return output.ToArray();
    }

    private void WriteLine(MemoryStream output)
    {
        output.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(_pending, 0, _pendingLength)));
        output.WriteByte((byte)'\n');
        _pendingLength = 0;
    }
}
