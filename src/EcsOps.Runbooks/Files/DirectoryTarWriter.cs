using System.Formats.Tar;

namespace EcsOps.Runbooks.Files;

/// <summary>
/// Writes the contents of a local directory as a tar stream (POSIX pax), the same bytes every time for the same tree:
/// entries in ordinal name order, times in whole seconds, owner 0 with no user or group names (the remote side keeps
/// its own owner). Entry names are relative (<c>a.txt</c>, <c>sub/</c>, <c>sub/b</c>), the root itself has no entry.
/// Symlinks are stored as links and never followed; sockets, FIFOs and devices are skipped and listed.
/// </summary>
public static class DirectoryTarWriter
{
    private const UnixFileMode PermissionBits = (UnixFileMode)0x1FF;

    /// <summary>Writes the tree under <paramref name="directory"/> to <paramref name="destination"/> (left open).</summary>
    /// <returns>The relative paths that were skipped because they are neither files, directories nor symlinks.</returns>
    public static async Task<IReadOnlyList<string>> WriteAsync(string directory, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(destination);
        var skipped = new List<string>();
        await using var writer = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        await WriteChildrenAsync(writer, new DirectoryInfo(directory), "", skipped, cancellationToken);
        return skipped;
    }

    private static async Task WriteChildrenAsync(
        TarWriter writer, DirectoryInfo directory, string prefix, List<string> skipped, CancellationToken cancellationToken)
    {
        var children = directory.EnumerateFileSystemInfos().OrderBy(c => c.Name, StringComparer.Ordinal);
        foreach (var child in children)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = prefix + child.Name;
            if (child.LinkTarget is { } target)
            {
                await writer.WriteEntryAsync(Entry(TarEntryType.SymbolicLink, name, child, linkName: target), cancellationToken);
            }
            else if (child is DirectoryInfo subdirectory)
            {
                await writer.WriteEntryAsync(Entry(TarEntryType.Directory, name + "/", child), cancellationToken);
                await WriteChildrenAsync(writer, subdirectory, name + "/", skipped, cancellationToken);
            }
            else if (child is FileInfo file && await IsRegularFileAsync(file, cancellationToken))
            {
                var entry = Entry(TarEntryType.RegularFile, name, child);
                await using var content = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, useAsync: true);
                entry.DataStream = content;
                await writer.WriteEntryAsync(entry, cancellationToken);
            }
            else
            {
                skipped.Add(name);
            }
        }
    }

    private static PaxTarEntry Entry(TarEntryType type, string name, FileSystemInfo source, string? linkName = null)
    {
        var modified = source.LastWriteTimeUtc;
        var entry = new PaxTarEntry(type, name)
        {
            Mode = type == TarEntryType.SymbolicLink ? PermissionBits : source.UnixFileMode & PermissionBits,
            ModificationTime = new DateTimeOffset(modified.Ticks - (modified.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero),
            Uid = 0,
            Gid = 0,
            UserName = "",
            GroupName = "",
        };
        if (linkName is not null)
        {
            entry.LinkName = linkName;
        }

        return entry;
    }

    /// <summary>
    /// FileInfo also stands for sockets, FIFOs and devices, and .NET has no public way to ask a file's type. Those all
    /// have size 0, so a zero-length file is asked through TarWriter's own entry for it (which looks at the type without
    /// opening a FIFO); anything with content is a regular file.
    /// </summary>
    private static async Task<bool> IsRegularFileAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (file.Length > 0)
        {
            return true;
        }

        using var scratch = new MemoryStream();
        await using (var probe = new TarWriter(scratch, TarEntryFormat.Pax, leaveOpen: true))
        {
            await probe.WriteEntryAsync(file.FullName, "probe", cancellationToken);
        }

        scratch.Position = 0;
        await using var reader = new TarReader(scratch);
        var entry = await reader.GetNextEntryAsync(cancellationToken: cancellationToken);
        return entry?.EntryType is TarEntryType.RegularFile;
    }
}
