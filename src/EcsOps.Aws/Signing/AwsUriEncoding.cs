using System.Text;

namespace EcsOps.Aws.Signing;

/// <summary>
/// The percent-encoding SigV4 prescribes (RFC 3986): every byte of the UTF-8 form except the unreserved
/// characters <c>A-Z a-z 0-9 - _ . ~</c> becomes <c>%XX</c> with uppercase hex. This differs from
/// <see cref="Uri.EscapeDataString(string)"/> and form encoding, which is why SigV4 needs its own.
/// </summary>
public static class AwsUriEncoding
{
    private const string UpperHex = "0123456789ABCDEF";

    /// <summary>Encodes <paramref name="value"/>; <c>/</c> is kept when <paramref name="encodeSlash"/> is false (paths).</summary>
    public static string Encode(string value, bool encodeSlash) =>
        EncodeBytes(Encoding.UTF8.GetBytes(value), encodeSlash);

    /// <summary>
    /// Decodes the <c>%XX</c> escapes of a wire value and encodes the result again by SigV4's rules, byte by
    /// byte, so that <c>%7e</c>, <c>%7E</c> and <c>~</c> all come out as <c>~</c> and a raw <c>$</c> as <c>%24</c>.
    /// A <c>+</c> stays a literal plus: SigV4 clients encode spaces as <c>%20</c>.
    /// </summary>
    public static string Reencode(string wireValue, bool encodeSlash) =>
        EncodeBytes(DecodeToBytes(wireValue), encodeSlash);

    /// <summary>Decodes <c>%XX</c> escapes to text (UTF-8); a malformed escape is kept literally.</summary>
    public static string Decode(string wireValue) => Encoding.UTF8.GetString(DecodeToBytes(wireValue));

    private static byte[] DecodeToBytes(string wireValue)
    {
        if (!wireValue.Contains('%'))
        {
            return Encoding.UTF8.GetBytes(wireValue);
        }

        var output = new List<byte>(wireValue.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < wireValue.Length; i++)
        {
            var c = wireValue[i];
            if (c == '%' && i + 2 < wireValue.Length
                && char.IsAsciiHexDigit(wireValue[i + 1]) && char.IsAsciiHexDigit(wireValue[i + 2]))
            {
                output.Add((byte)((HexValue(wireValue[i + 1]) << 4) | HexValue(wireValue[i + 2])));
                i += 2;
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < wireValue.Length
                ? Encoding.UTF8.GetBytes(wireValue.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(wireValue.AsSpan(i, 1), utf8);
            for (var j = 0; j < length; j++)
            {
                output.Add(utf8[j]);
            }
        }

        return [.. output];
    }

    private static string EncodeBytes(ReadOnlySpan<byte> bytes, bool encodeSlash)
    {
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (IsUnreserved(b) || (b == (byte)'/' && !encodeSlash))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(UpperHex[b >> 4]).Append(UpperHex[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    private static bool IsUnreserved(byte b) =>
        b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => c - 'A' + 10,
    };
}
