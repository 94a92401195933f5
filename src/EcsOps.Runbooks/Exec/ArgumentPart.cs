namespace EcsOps.Runbooks.Exec;

/// <summary>
/// A piece of one argv element of a <see cref="ProtectedArgv"/>: literal text, or a reference to one of its secret
/// values, which the remote shell fills in so that the value never travels in the ExecuteCommand request.
/// </summary>
public sealed record ArgumentPart
{
    private ArgumentPart(string? text, int secretIndex)
    {
        Text = text;
        SecretIndex = secretIndex;
    }

    /// <summary>The literal text; null for a secret reference.</summary>
    public string? Text { get; }

    /// <summary>The index into <see cref="ProtectedArgv.SecretValues"/>; -1 for literal text.</summary>
    public int SecretIndex { get; }

    public bool IsSecret => Text is null;

    public static ArgumentPart Literal(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), -1);

    public static ArgumentPart Secret(int index) =>
        new(null, index >= 0 ? index : throw new ArgumentOutOfRangeException(nameof(index), index, "a secret index is not negative"));
}
