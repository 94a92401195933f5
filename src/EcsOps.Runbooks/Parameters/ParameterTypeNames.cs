namespace EcsOps.Runbooks.Parameters;

/// <summary>The names of <see cref="ParameterType"/>s in ecsops.yaml.</summary>
public static class ParameterTypeNames
{
    private static readonly (string Name, ParameterType Type)[] s_names =
    [
        ("string", ParameterType.String),
        ("enum", ParameterType.Enum),
        ("integer", ParameterType.Integer),
        ("s3-key", ParameterType.S3Key),
        ("duration", ParameterType.Duration),
    ];

    /// <summary>Every name, for messages.</summary>
    public static IReadOnlyList<string> All { get; } = s_names.Select(n => n.Name).ToList();

    public static string NameOf(ParameterType type) => s_names.First(n => n.Type == type).Name;

    public static bool TryParse(string name, out ParameterType type)
    {
        foreach (var (known, value) in s_names)
        {
            if (known == name)
            {
                type = value;
                return true;
            }
        }

        type = default;
        return false;
    }
}
