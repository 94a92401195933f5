namespace EcsOps.Runbooks.Inspect;

/// <summary>One line of a unified diff: <c>" "</c> unchanged, <c>"-"</c> only before, <c>"+"</c> only after, <c>"@"</c> a hunk header.</summary>
public sealed record DiffLine(string Kind, string Text)
{
    public const string Same = " ";
    public const string Removed = "-";
    public const string Added = "+";
    public const string Hunk = "@";
}
