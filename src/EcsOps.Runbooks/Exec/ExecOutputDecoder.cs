using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace EcsOps.Runbooks.Exec;

/// <summary>
/// Decodes the PTY output of a command wrapped by <see cref="ExecWrapper"/> into stdout, stderr and the
/// exit status. Lines may end in CRLF (if the terminal kept translating) and arrive split anywhere.
/// Framed lines count only after the ready line and only with this run's nonce.
/// </summary>
public sealed class ExecOutputDecoder(string nonce)
{
    /// <summary>Longest line kept; framed lines are ~77 bytes, so anything longer is noise.</summary>
    private const int MaxLineLength = 64 * 1024;

    private readonly byte[] _readyLine = Encoding.ASCII.GetBytes("R" + nonce);
    private readonly byte[] _exitPrefix = Encoding.ASCII.GetBytes("X" + nonce + " ");
    private readonly byte[] _missingPrefix = Encoding.ASCII.GetBytes("M" + nonce + " ");
    private readonly List<byte> _line = new(128);
    private bool _lineTooLong;

    public bool IsReady { get; private set; }

    /// <summary>The exit status once the trailer has been seen.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>Decodes <paramref name="chunk"/>; returns the records completed by it, in order.</summary>
    /// <exception cref="FormatException">A framed line is not valid base64: the output was altered in transit.</exception>
    public IReadOnlyList<ExecOutputRecord> Feed(ReadOnlySpan<byte> chunk)
    {
        var records = new List<ExecOutputRecord>();
        foreach (var b in chunk)
        {
            if (b == (byte)'\n')
            {
                if (!_lineTooLong)
                {
                    var line = _line.ToArray().AsSpan();
                    if (line.Length > 0 && line[^1] == (byte)'\r')
                    {
                        line = line[..^1];
                    }

                    if (Decode(line) is { } record)
                    {
                        records.Add(record);
                    }
                }

                _line.Clear();
                _lineTooLong = false;
            }
            else if (_line.Count < MaxLineLength)
            {
                _line.Add(b);
            }
            else
            {
                _lineTooLong = true;
            }
        }

        return records;
    }

    private ExecOutputRecord? Decode(ReadOnlySpan<byte> line)
    {
        if (ExitCode is not null)
        {
            return ExecOutputRecord.Of(ExecOutputKind.Noise, Encoding.UTF8.GetString(line));
        }

        if (!IsReady)
        {
            if (line.SequenceEqual(_readyLine))
            {
                IsReady = true;
                return ExecOutputRecord.Of(ExecOutputKind.Ready);
            }

            if (line.StartsWith(_missingPrefix))
            {
                return ExecOutputRecord.Of(ExecOutputKind.MissingTool, Encoding.UTF8.GetString(line[_missingPrefix.Length..]));
            }

            return ExecOutputRecord.Of(ExecOutputKind.Noise, Encoding.UTF8.GetString(line));
        }

        if (line.Length > 0 && line[0] is (byte)'O' or (byte)'E')
        {
            var kind = line[0] == (byte)'O' ? ExecOutputKind.StandardOutput : ExecOutputKind.StandardError;
            return new ExecOutputRecord(kind, DecodeBase64(line[1..]));
        }

        if (line.StartsWith(_exitPrefix)
            && int.TryParse(line[_exitPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            ExitCode = status;
            return new ExecOutputRecord(ExecOutputKind.Exit, [], status);
        }

        return ExecOutputRecord.Of(ExecOutputKind.Noise, Encoding.UTF8.GetString(line));
    }

    private static byte[] DecodeBase64(ReadOnlySpan<byte> base64)
    {
        var decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(base64.Length)];
        var status = Base64.DecodeFromUtf8(base64, decoded, out _, out var written);
        if (status != System.Buffers.OperationStatus.Done)
        {
            throw new FormatException("a framed output line is not valid base64; the output was altered in transit");
        }

        return decoded[..written];
    }
}
