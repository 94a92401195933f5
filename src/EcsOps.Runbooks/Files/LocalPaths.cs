using System.Security.Cryptography;

namespace EcsOps.Runbooks.Files;

/// <summary>Local path handling for cp: <c>~</c>, temporary names next to a destination, and cleanup.</summary>
public static class LocalPaths
{
    /// <summary>Expands a leading <c>~</c> or <c>~/</c> to the home directory (as a shell would, had it not been quoted).</summary>
    public static string Expand(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            return Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..];
        }

        return path;
    }

    /// <summary>A fresh random suffix that keeps concurrent copies' temporary names apart.</summary>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>
    /// A hidden name next to <paramref name="target"/> (same directory, so that the final rename stays on one file
    /// system): <c>.NAME.ecsops-NONCE.SUFFIX</c>.
    /// </summary>
    public static string Sibling(string target, string nonce, string suffix)
    {
        ArgumentNullException.ThrowIfNull(target);
        var directory = Path.GetDirectoryName(Path.GetFullPath(target)) ?? "/";
        return Path.Combine(directory, $".{Path.GetFileName(target)}.ecsops-{nonce}.{suffix}");
    }

    /// <summary>True when anything is at <paramref name="path"/>, a dangling symlink included.</summary>
    public static bool Exists(string path) =>
        File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    /// <summary>Removes a file, symlink or directory tree if present; failures are ignored (best-effort cleanup).</summary>
    public static void DeleteQuietly(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            if (Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null)
            {
                Directory.Delete(path, recursive: true);
            }
            else if (Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Left behind under a name that says what it is (.NAME.ecsops-*.tmp).
        }
    }

    /// <summary>The permission bits of a file or directory; 644 or 755 on Windows, which has none.</summary>
    public static UnixFileMode GetMode(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.Exists(path) ? (UnixFileMode)0x1ED : (UnixFileMode)0x1A4;
        }

        return File.GetUnixFileMode(path);
    }

    /// <summary>Sets the permission bits; nothing on Windows.</summary>
    public static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    /// <summary>Options creating a new file that only its owner can read until it is complete.</summary>
    public static FileStreamOptions NewPrivateFile()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Options = FileOptions.Asynchronous,
            BufferSize = 1 << 16,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    /// <summary>The permission bits as chmod takes them (octal, e.g. <c>644</c>).</summary>
    public static string ToOctal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8);

    /// <summary>Parses chmod-style octal (<c>644</c>, <c>4755</c>) and keeps the permission bits only.</summary>
    public static UnixFileMode FromOctal(string octal)
    {
        ArgumentNullException.ThrowIfNull(octal);
        if (octal.Length is 0 or > 6 || octal.Any(c => c is < '0' or > '7'))
        {
            throw new FormatException($"'{octal}' is not an octal file mode");
        }

        return (UnixFileMode)(Convert.ToInt32(octal, 8) & 0x1FF);
    }
}
