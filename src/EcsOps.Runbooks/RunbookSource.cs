namespace EcsOps.Runbooks;

/// <summary>Where a runbook is declared, for messages: the file, 1-based line and column of its name.</summary>
public sealed record RunbookSource(string? Path, int Line, int Column)
{
    public override string ToString() => $"{Path ?? "ecsops.yaml"}:{Line}:{Column}";
}
