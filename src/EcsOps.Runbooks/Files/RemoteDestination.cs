namespace EcsOps.Runbooks.Files;

/// <summary>What <see cref="RemoteFileScripts.Preflight"/> found where an upload will land.</summary>
/// <param name="Path">The final container path (inside the destination when that is a directory).</param>
/// <param name="Existing">missing, file, directory or other.</param>
/// <param name="Parent">ok, missing or readonly: the state of the directory the path is in.</param>
/// <param name="MissingTools">Tools cp needs that the container lacks.</param>
public sealed record RemoteDestination(string Path, string Existing, string Parent, IReadOnlyList<string> MissingTools)
{
    public bool Exists => Existing != "missing";

    /// <summary>Parses the script's four lines.</summary>
    /// <exception cref="CopyException">The answer is not four lines (something else printed to stdout).</exception>
    public static RemoteDestination Parse(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count != 4 || lines[0] is not ("missing" or "file" or "directory" or "other"))
        {
            throw new CopyException($"unexpected answer from the container while checking the destination: {string.Join(" | ", lines)}");
        }

        return new RemoteDestination(
            lines[3], lines[0], lines[1], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
