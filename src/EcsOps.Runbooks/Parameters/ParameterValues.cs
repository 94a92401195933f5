using System.Diagnostics.CodeAnalysis;

namespace EcsOps.Runbooks.Parameters;

/// <summary>The validated value of every parameter of a run (defaults applied), and which of them are secret.</summary>
public sealed class ParameterValues
{
    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly IReadOnlySet<string> _secrets;

    public ParameterValues(IReadOnlyDictionary<string, string> values, IReadOnlySet<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(secrets);
        _values = values;
        _secrets = secrets;
    }

    /// <summary>No parameters.</summary>
    public static ParameterValues None { get; } = new(new Dictionary<string, string>(), new HashSet<string>());

    /// <summary>Every value by name, secrets included: only for rendering the command.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>The names of secret parameters.</summary>
    public IReadOnlySet<string> SecretNames => _secrets;

    public bool TryGet(string name, [MaybeNullWhen(false)] out string value) => _values.TryGetValue(name, out value);

    public bool IsSecret(string name) => _secrets.Contains(name);

    /// <summary>Every value by name with secret ones replaced by <c>***</c>: for plans, job records and audit.</summary>
    public IReadOnlyDictionary<string, string> Masked() =>
        _values.ToDictionary(p => p.Key, p => _secrets.Contains(p.Key) ? "***" : p.Value, StringComparer.Ordinal);
}
