namespace EcsOps.Runbooks;

/// <summary>The runbooks of a configuration, by name, with their shared settings. Loaded once, read without I/O.</summary>
public sealed class RunbookCatalog
{
    private readonly Dictionary<string, Runbook> _byName;

    public RunbookCatalog(IReadOnlyList<Runbook> runbooks, RunbookSettings settings)
    {
        ArgumentNullException.ThrowIfNull(runbooks);
        ArgumentNullException.ThrowIfNull(settings);
        Runbooks = runbooks.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        Settings = settings;
        _byName = runbooks.ToDictionary(r => r.Name, StringComparer.Ordinal);
    }

    /// <summary>No runbooks.</summary>
    public static RunbookCatalog Empty { get; } = new([], RunbookSettings.None);

    /// <summary>Every runbook, ordered by name.</summary>
    public IReadOnlyList<Runbook> Runbooks { get; }

    public RunbookSettings Settings { get; }

    public Runbook? TryFind(string name) => _byName.GetValueOrDefault(name);

    /// <exception cref="RunbookUsageException">No runbook has that name.</exception>
    public Runbook Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryFind(name) is { } runbook)
        {
            return runbook;
        }

        var known = Runbooks.Count == 0
            ? "ecsops.yaml declares no runbooks"
            : "runbooks: " + string.Join(", ", Runbooks.Select(r => r.Name));
        var shown = name.Length > 64 ? name[..64] + "…" : name;
        throw new RunbookUsageException(RunbookUsageKind.UnknownRunbook, $"no runbook named '{shown.ReplaceLineEndings("\\n")}' ({known})");
    }
}
