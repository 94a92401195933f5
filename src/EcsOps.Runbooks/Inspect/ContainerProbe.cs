using System.Globalization;
using System.Text;
using EcsOps.Runbooks.Exec;

namespace EcsOps.Runbooks.Inspect;

/// <summary>
/// Reads a container's live environment (that of an exec session, which ECS starts with the container's environment)
/// and the first bytes of some files, in one exec session. Each part is a header line, base64 lines and a <c>.</c> line
/// (base64 has no '.'), so any bytes, NULs and newlines included, come back intact.
/// </summary>
public sealed class ContainerProbe(ContainerCommandRunner remote)
{
    /// <summary>The most bytes shown of one file.</summary>
    public const int DefaultFileLimit = 64 * 1024;

    // $1 is the per-file limit; the rest are paths. Sizes come from stat (0 for /proc files), content from head.
    private const string Script =
        """
        l=$1; shift
        echo env
        cat /proc/self/environ 2>/dev/null | base64
        echo .
        for p in "$@"; do
          if [ -d "$p" ]; then echo "file directory"
          elif [ ! -e "$p" ]; then echo "file missing"
          elif [ ! -r "$p" ]; then echo "file unreadable"
          else echo "file ok $(stat -c %s "$p" 2>/dev/null || echo -)"; head -c "$((l + 1))" "$p" | base64
          fi
          echo .
        done
        """;

    /// <exception cref="InspectException">The session failed or the answer is not what the script prints.</exception>
    public async Task<ProbeResult> ProbeAsync(IReadOnlyList<string> paths, int fileLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var capacity = 1024 * 1024 + (paths.Count * ((fileLimit * 4 / 3) + 1024));
        var answer = await remote.RunScriptAsync(Script, [fileLimit.ToString(CultureInfo.InvariantCulture), .. paths], capacity, cancellationToken);
        if (answer.ExitCode != 0 || answer.Output.IsTruncated)
        {
            throw new InspectException(
                $"reading the environment and files of {remote.Container.Path} failed (exit {answer.ExitCode}): {answer.Error.Text.Trim()}");
        }

        return Parse(answer.Output.Lines, paths, fileLimit);
    }

    internal static ProbeResult Parse(IReadOnlyList<string> lines, IReadOnlyList<string> paths, int fileLimit)
    {
        var sections = new List<(string Header, byte[] Data)>();
        var index = 0;
        while (index < lines.Count)
        {
            var header = lines[index++];
            var data = new StringBuilder();
            while (index < lines.Count && lines[index] != ".")
            {
                data.Append(lines[index++].Trim());
            }

            if (index == lines.Count)
            {
                throw new InspectException($"the container's answer ended inside the section '{header}'");
            }

            index++;
            sections.Add((header, Convert.FromBase64String(data.ToString())));
        }

        if (sections.Count != paths.Count + 1 || sections[0].Header != "env")
        {
            throw new InspectException($"the container's answer has {sections.Count} sections for {paths.Count} files and the environment");
        }

        var environment = ParseEnvironment(sections[0].Data);
        var files = new List<ProbedFile>();
        for (var i = 0; i < paths.Count; i++)
        {
            var (header, data) = sections[i + 1];
            var words = header.Split(' ');
            var status = words.Length > 1 ? words[1] : "unreadable";
            long? size = words.Length > 2 && long.TryParse(words[2], NumberStyles.None, CultureInfo.InvariantCulture, out var stat) ? stat : null;
            var truncated = data.Length > fileLimit;
            files.Add(new ProbedFile(paths[i], status, status == "ok" ? Math.Max(size ?? 0, data.Length) : null, truncated ? data[..fileLimit] : data, truncated));
        }

        return new ProbeResult(environment, files);
    }

    /// <summary>NUL-separated NAME=value pairs; null when /proc/self/environ could not be read (nothing at all).</summary>
    private static Dictionary<string, string>? ParseEnvironment(byte[] data)
    {
        if (data.Length == 0)
        {
            return null;
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Encoding.UTF8.GetString(data).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                environment[pair[..equals]] = pair[(equals + 1)..];
            }
        }

        return environment;
    }
}
