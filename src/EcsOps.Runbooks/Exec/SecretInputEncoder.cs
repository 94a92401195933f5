using System.Text;

namespace EcsOps.Runbooks.Exec;

/// <summary>
/// Encodes the secret values of a <see cref="ProtectedArgv"/> for the wrapper's remote script, which reads them from
/// its terminal before the command's stdin: each value is its UTF-8 bytes as base64 lines of at most 76 characters
/// (far below the 4095 bytes a canonical-mode terminal keeps of one line), then an empty line. Base64 never makes an
/// empty line, so whatever a value holds it cannot end early or look like anything but its own data.
/// </summary>
public static class SecretInputEncoder
{
    public static byte[] Encode(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var output = new MemoryStream();
        foreach (var value in values)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            for (var offset = 0; offset < bytes.Length; offset += ExecInputEncoder.BytesPerLine)
            {
                var length = Math.Min(ExecInputEncoder.BytesPerLine, bytes.Length - offset);
                output.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(bytes, offset, length)));
                output.WriteByte((byte)'\n');
            }

            output.WriteByte((byte)'\n');
        }

        return output.ToArray();
    }
}
