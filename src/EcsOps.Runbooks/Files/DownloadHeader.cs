using System.Globalization;

namespace EcsOps.Runbooks.Files;

/// <summary>The first line of <see cref="RemoteFileScripts.Download"/>'s output: <c>F SIZE MODE</c> or <c>D MODE</c>.</summary>
public sealed record DownloadHeader(CopyItemKind Kind, UnixFileMode Mode, long? Size)
{
    /// <exception cref="CopyException">Not a header.</exception>
    public static DownloadHeader Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Split(' ');
        try
        {
            return parts switch
            {
                ["F", var size, var mode] => new DownloadHeader(
                    CopyItemKind.File, LocalPaths.FromOctal(mode), long.Parse(size, NumberStyles.None, CultureInfo.InvariantCulture)),
                ["D", var mode] => new DownloadHeader(CopyItemKind.Directory, LocalPaths.FromOctal(mode), null),
                _ => throw new FormatException("unknown header"),
            };
        }
        catch (Exception error) when (error is FormatException or OverflowException)
        {
            throw new CopyException($"the container's answer does not start with a cp header ('{line}'); is something printing on login?", error);
        }
    }
}
