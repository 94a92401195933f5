namespace EcsOps.Runbooks.Exec;

/// <summary>
/// An argv for <see cref="ExecWrapper"/> whose secret values travel apart from it: each element is literal text and
/// references to <see cref="SecretValues"/>. The wrapped command carries only the references; the values are typed on
/// the session's terminal after the ready line, before the command's stdin, and the remote shell puts each one into
/// its element as a quoted variable expansion, so it stays literal text of that one argument.
/// </summary>
public sealed class ProtectedArgv
{
    public ProtectedArgv(IReadOnlyList<IReadOnlyList<ArgumentPart>> arguments, IReadOnlyList<string> secretValues)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(secretValues);
        if (arguments.Count == 0)
        {
            throw new ArgumentException("no command given", nameof(arguments));
        }

        if (arguments.SelectMany(a => a).FirstOrDefault(p => p.IsSecret && p.SecretIndex >= secretValues.Count) is { } dangling)
        {
            throw new ArgumentException($"secret reference {dangling.SecretIndex} has no value ({secretValues.Count} given)", nameof(arguments));
        }

        if (secretValues.Any(v => v.Contains('\0', StringComparison.Ordinal)))
        {
            throw new ArgumentException("a secret value cannot contain a NUL character", nameof(secretValues));
        }

        Arguments = arguments;
        SecretValues = secretValues;
    }

    public IReadOnlyList<IReadOnlyList<ArgumentPart>> Arguments { get; }

    /// <summary>The secret values, by index: never part of the command string.</summary>
    public IReadOnlyList<string> SecretValues { get; }

    /// <summary>An argv without secrets: every element one literal.</summary>
    public static ProtectedArgv Plain(IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        return new ProtectedArgv([.. argv.Select(a => (IReadOnlyList<ArgumentPart>)[ArgumentPart.Literal(a)])], []);
    }

    /// <summary>The element count and how many secrets, never their values.</summary>
    public override string ToString() => $"argv of {Arguments.Count} elements with {SecretValues.Count} secret values";
}
