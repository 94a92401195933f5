namespace EcsOps.Aws.Config;

/// <summary>A fixed set of environment variables, e.g. for a test or for a child process being prepared.</summary>
public sealed class EnvironmentVariables(IReadOnlyDictionary<string, string> values) : IEnvironmentVariables
{
    /// <summary>No variables at all.</summary>
    public static readonly EnvironmentVariables Empty = new(new Dictionary<string, string>());

    public string? Get(string name) => values.TryGetValue(name, out var value) ? value : null;

    /// <summary>These variables, with <paramref name="name"/> set to <paramref name="value"/>.</summary>
    public EnvironmentVariables With(string name, string value) =>
        new(new Dictionary<string, string>(values, StringComparer.Ordinal) { [name] = value });
}
