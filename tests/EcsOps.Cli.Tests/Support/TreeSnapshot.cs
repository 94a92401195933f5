using System.Security.Cryptography;

namespace EcsOps.Cli.Tests.Support;

/// <summary>
/// Everything cp promises to keep about a directory tree, for comparing two trees: each entry's relative path, its
/// kind, its permission bits and modification time (whole seconds), and a file's SHA-256 or a symlink's target.
/// </summary>
public static class TreeSnapshot
{
    public static IReadOnlyList<string> Of(string root)
    {
        var entries = new List<string>();
        Walk(new DirectoryInfo(root), "", entries);
        return entries;
    }

    private static void Walk(DirectoryInfo directory, string prefix, List<string> entries)
    {
        foreach (var child in directory.EnumerateFileSystemInfos().OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var name = prefix + child.Name;
            var mode = Convert.ToString((int)child.UnixFileMode & 0x1FF, 8) + " " + child.LastWriteTimeUtc.ToString("s", System.Globalization.CultureInfo.InvariantCulture);
            if (child.LinkTarget is { } target)
            {
                entries.Add($"link {name} -> {target}");
            }
            else if (child is DirectoryInfo subdirectory)
            {
                entries.Add($"dir  {name} {mode}");
                Walk(subdirectory, name + "/", entries);
            }
            else
            {
                entries.Add($"file {name} {mode} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(child.FullName)))}");
            }
        }
    }
}
