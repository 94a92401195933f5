using System.Text;

namespace EcsOps.Runbooks.Inspect;

/// <summary>Turns probed files into reports: text (masked unless revealing) or a note that the content is binary.</summary>
internal static class FileReportBuilder
{
    public static List<FileReport> Build(
        IReadOnlyList<string> paths, ProbeResult? probe, string? unavailable, SecretMasker masker, bool reveal, List<string> revealed)
    {
        if (probe is null)
        {
            return [.. paths.Select(p => new FileReport { Path = p, Status = "unavailable", Text = unavailable })];
        }

        var files = new List<FileReport>();
        foreach (var file in probe.Files)
        {
            var text = file.Status == "ok" ? AsText(file.Content) : null;
            var (shown, masked) = text is null ? (null, false) : masker.MaskText(text);
            if (reveal && masked)
            {
                revealed.Add(file.Path);
            }

            files.Add(new FileReport
            {
                Path = file.Path,
                Status = file.Status,
                Size = file.Size,
                ShownBytes = file.Content.Length,
                Truncated = file.Truncated,
                Binary = file.Status == "ok" && text is null,
                Text = reveal ? text : shown,
                Masked = masked && !reveal,
            });
        }

        return files;
    }

    /// <summary>UTF-8 text without NULs, else null (binary). A cut in the middle of a character at the limit is fine.</summary>
    private static string? AsText(byte[] content)
    {
        if (content.AsSpan().Contains((byte)0))
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException) when (content.Length >= 3)
        {
            // The limit may have cut a multi-byte character; a text file stays text.
            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content, 0, content.Length - 3) + "…";
            }
            catch (DecoderFallbackException)
            {
                return null;
            }
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
