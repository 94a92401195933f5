namespace EcsOps.Server.Security;

/// <summary>
/// Reads a request body whole, as the raw bytes a signature covers, refusing anything over the limit before reading
/// it all (the declared length first, then the bytes actually sent).
/// </summary>
public static class RequestBody
{
    /// <summary>Every endpoint's limit: Slack and ticket payloads are a few KiB.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The body, or null when it is larger than <see cref="MaxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
