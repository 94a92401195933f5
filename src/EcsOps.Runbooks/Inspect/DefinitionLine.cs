namespace EcsOps.Runbooks.Inspect;

/// <summary>One line of a task definition summary: its full text (compared) and how it is shown (secrets masked).</summary>
public sealed record DefinitionLine(string Text, string Shown);
