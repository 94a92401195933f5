using System.Formats.Tar;

namespace EcsOps.Runbooks.Files;

/// <summary>
/// Extracts a tar stream (GNU, pax or ustar, as GNU tar and busybox write them) into an empty local directory, for
/// downloads. Nothing lands outside it: absolute names and <c>..</c> are refused, symlinks are created only after every
/// file is written (so no file is ever written through one), and hard links become copies of files already extracted.
/// Permission bits (not setuid/setgid/sticky) and modification times are kept; owners are not. Sockets, FIFOs and
/// devices are skipped and listed.
/// </summary>
public sealed class DirectoryTarExtractor(string destination)
{
    private const UnixFileMode PermissionBits = (UnixFileMode)0x1FF;

    private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(destination));
    private readonly List<(string Path, string Target)> _symlinks = [];
    private readonly List<(string Path, UnixFileMode Mode, DateTimeOffset Modified)> _directories = [];
    private readonly List<string> _skipped = [];

    /// <summary>Names of archive entries that were not extracted (special files).</summary>
    public IReadOnlyList<string> Skipped => _skipped;

    /// <summary>
    /// Reads entries until the end-of-archive marker and leaves the rest of <paramref name="archive"/> unread (the
    /// caller drains it, e.g. to finish a checksum over the whole stream).
    /// </summary>
    /// <exception cref="CopyException">An entry would land outside the destination.</exception>
    public async Task ExtractAsync(Stream archive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        await using var reader = new TarReader(archive, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            await ExtractEntryAsync(entry, cancellationToken);
        }

        foreach (var (path, target) in _symlinks)
        {
            File.CreateSymbolicLink(path, target);
        }

        // Deepest first, after their contents: a read-only directory must not block what goes inside it.
        foreach (var (path, mode, modified) in _directories.OrderByDescending(d => d.Path.Length))
        {
            LocalPaths.SetMode(path, mode);
            Directory.SetLastWriteTimeUtc(path, modified.UtcDateTime);
        }
    }

    private async Task ExtractEntryAsync(TarEntry entry, CancellationToken cancellationToken)
    {
        var relative = Normalize(entry.Name);
        if (relative.Length == 0)
        {
            return; // "./": the root, whose mode the caller sets.
        }

        var path = Resolve(relative, entry.Name);
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                Directory.CreateDirectory(path);
                _directories.Add((path, entry.Mode & PermissionBits, entry.ModificationTime));
                break;

            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    if (entry.DataStream is { } data)
                    {
                        await data.CopyToAsync(file, cancellationToken);
                    }
                }

                LocalPaths.SetMode(path, entry.Mode & PermissionBits);
                File.SetLastWriteTimeUtc(path, entry.ModificationTime.UtcDateTime);
                break;

            case TarEntryType.SymbolicLink:
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                _symlinks.Add((path, entry.LinkName));
                break;

            case TarEntryType.HardLink:
                var source = Resolve(Normalize(entry.LinkName), entry.LinkName);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.Copy(source, path);
                break;

            default:
                _skipped.Add(relative);
                break;
        }
    }

    private static string Normalize(string name)
    {
        var trimmed = name;
        while (trimmed.StartsWith("./", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
        }

        return trimmed is "." ? "" : trimmed.TrimEnd('/');
    }

    private string Resolve(string relative, string original)
    {
        var segments = relative.Split('/');
        if (relative.StartsWith('/') || segments.Any(s => s is ".." || s.Length == 0 || s.Contains('\0', StringComparison.Ordinal)))
        {
            throw new CopyException($"the archive from the container has an unsafe entry name '{original}'; nothing was put in place");
        }

        var path = Path.GetFullPath(Path.Combine(_root, relative));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new CopyException($"the archive from the container has an entry outside the destination ('{original}')");
        }

        return path;
    }
}
