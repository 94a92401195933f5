using System.Text;

namespace EcsOps.Sandbox.Containers;

/// <summary>
/// Reads a process's output to the end and hands it on line by line (UTF-8, without the newline or a trailing
/// CR). A line longer than <see cref="MaxLineBytes"/> is split, as Docker's log drivers split at 16 KiB, so a
/// process that never writes a newline cannot grow memory.
/// </summary>
internal static class OutputLines
{
    public const int MaxLineBytes = 16 * 1024;

    public static async Task PumpAsync(Stream output, Action<string> onLine, CancellationToken cancellationToken)
    {
        var line = new byte[MaxLineBytes];
        var length = 0;
        var buffer = new byte[4096];
        int read;
        while ((read = await output.ReadAsync(buffer, cancellationToken)) > 0)
        {
            foreach (var b in buffer.AsSpan(0, read))
            {
                if (b == (byte)'\n')
                {
                    Emit(line, length, onLine);
                    length = 0;
                    continue;
                }

                if (length == MaxLineBytes)
                {
                    Emit(line, length, onLine);
                    length = 0;
                }

                line[length++] = b;
            }
        }

        if (length > 0)
        {
            Emit(line, length, onLine);
        }
    }

    private static void Emit(byte[] line, int length, Action<string> onLine)
    {
        if (length > 0 && line[length - 1] == (byte)'\r')
        {
            length--;
        }

        onLine(Encoding.UTF8.GetString(line, 0, length));
    }
}
