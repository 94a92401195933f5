using System.Globalization;
using System.Text;

namespace EcsOps.Protocol.Sessions;

/// <summary>The ExitCode payload (PayloadType 12): ASCII text <c>EXIT_CODE: n</c> (fact sheet §6.2).</summary>
public static class ExitCodePayload
{
    public const string Prefix = "EXIT_CODE:";

    /// <summary>Longer payloads are not an exit code; bounds what we decode.</summary>
    private const int MaxLength = 64;

    public static byte[] Encode(int exitCode) =>
        Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Prefix} {exitCode}"));

    /// <summary>Parses the text, tolerating surrounding whitespace and line ends.</summary>
    /// <exception cref="ProtocolException">Not <c>EXIT_CODE: &lt;int&gt;</c>.</exception>
    public static int Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length <= MaxLength)
        {
            var text = Encoding.ASCII.GetString(payload).Trim();
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(Prefix.Length).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exitCode))
            {
                return exitCode;
            }
        }

        throw new ProtocolException(ProtocolError.BadPayload, "ExitCode payload is not 'EXIT_CODE: <n>'");
    }
}
