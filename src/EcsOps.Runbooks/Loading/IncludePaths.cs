using EcsOps.Aws.Config;
using EcsOps.Aws.Discovery;
using YamlDotNet.RepresentationModel;

namespace EcsOps.Runbooks.Loading;

/// <summary>
/// Expands <c>runbooks.include</c> entries, relative to the config file's directory: a file, or a file-name pattern
/// with <c>*</c> and <c>?</c> (<c>runbooks/*.yaml</c>), matched in one directory and sorted by name. A pattern matching
/// nothing is not an error; a named file that does not exist is.
/// </summary>
internal static class IncludePaths
{
    public static IReadOnlyList<string> Expand(ConfigYaml yaml, YamlNode entry, string pattern, string baseDirectory)
    {
        var full = Path.GetFullPath(pattern, baseDirectory);
        var directory = Path.GetDirectoryName(full) ?? baseDirectory;
        var fileName = Path.GetFileName(full);
        if (directory.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            throw yaml.Error(entry, $"include '{pattern}': wildcards are allowed in the file name only");
        }

        if (fileName.AsSpan().IndexOfAny('*', '?') < 0)
        {
            return File.Exists(full) ? [full] : throw yaml.Error(entry, $"include '{pattern}': no such file ({full})");
        }

        if (!Directory.Exists(directory))
        {
            throw yaml.Error(entry, $"include '{pattern}': no such directory ({directory})");
        }

        var glob = GlobPattern.Of(fileName);
        return Directory.EnumerateFiles(directory)
            .Where(path => glob.Matches(Path.GetFileName(path)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
