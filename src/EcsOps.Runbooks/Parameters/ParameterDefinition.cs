using System.Globalization;
using System.Text.RegularExpressions;

namespace EcsOps.Runbooks.Parameters;

/// <summary>
/// One declared parameter: its type and the limits of its values, a default, whether it must be given, and whether
/// its value is secret (masked in plans, logs and audit, never echoed in error messages).
/// </summary>
public sealed partial record ParameterDefinition
{
    /// <summary>The default <see cref="MaxLength"/>: long enough for scripts and lists, short enough for ECS Exec and RunTask.</summary>
    public const int DefaultMaxLength = 32 * 1024;

    /// <summary>How much of an offending value error messages quote.</summary>
    private const int QuotedValueLength = 60;

    public required string Name { get; init; }

    public ParameterType Type { get; init; } = ParameterType.String;

    public string? Description { get; init; }

    /// <summary>For strings: the whole value must match (evaluated without backtracking, so no pattern can stall a run).</summary>
    public Regex? Pattern { get; init; }

    /// <summary>The pattern as written in the file (<see cref="Pattern"/> is it anchored at both ends).</summary>
    public string? PatternText { get; init; }

    /// <summary>For enums: the allowed values.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>For integers: the smallest value allowed.</summary>
    public long? Minimum { get; init; }

    /// <summary>For integers: the largest value allowed.</summary>
    public long? Maximum { get; init; }

    /// <summary>The longest value accepted, in characters.</summary>
    public int MaxLength { get; init; } = DefaultMaxLength;

    /// <summary>The value when none is given; null for none.</summary>
    public string? Default { get; init; }

    public bool Required { get; init; }

    public bool Secret { get; init; }

    /// <summary>Checks a value; on success <paramref name="normalized"/> is what the command gets (integers in canonical form).</summary>
    /// <returns>Null when the value is accepted; else what is wrong, as a clause for a message (the value quoted unless secret).</returns>
    public string? Check(string value, out string normalized)
    {
        ArgumentNullException.ThrowIfNull(value);
        normalized = value;
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            return $"{Quoted(value)} contains a NUL character, which no command argument can carry";
        }

        if (value.Length > MaxLength)
        {
            return $"the value is {value.Length} characters long; at most {MaxLength} are allowed";
        }

        switch (Type)
        {
            case ParameterType.String:
                return Pattern is null || Pattern.IsMatch(value) ? null : $"{Quoted(value)} does not match the pattern {PatternText ?? Pattern.ToString()}";

            case ParameterType.Enum:
                return Values.Contains(value, StringComparer.Ordinal) ? null : $"{Quoted(value)} is not one of: {string.Join(", ", Values)}";

            case ParameterType.Integer:
                if (!IntegerText().IsMatch(value) || !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    return $"{Quoted(value)} is not a whole number";
                }

                if (number < Minimum || number > Maximum)
                {
                    return $"{Quoted(value)} is not between {Minimum?.ToString(CultureInfo.InvariantCulture) ?? "-∞"} and {Maximum?.ToString(CultureInfo.InvariantCulture) ?? "∞"}";
                }

                normalized = number.ToString(CultureInfo.InvariantCulture);
                return null;

            case ParameterType.S3Key:
                return S3KeyRules.Check(value) is { } problem ? $"{Quoted(value)}: {problem}" : null;

            case ParameterType.Duration:
                return ParameterDuration.TryParse(value, out _) ? null : $"{Quoted(value)} is not a duration such as 30s, 5m, 1h or 1h30m";

            default:
                throw new InvalidOperationException($"unknown parameter type {Type}");
        }
    }

    private string Quoted(string value) =>
        Secret ? "the (secret) value" : "'" + (value.Length > QuotedValueLength ? value[..QuotedValueLength] + "…" : value).ReplaceLineEndings("\\n") + "'";

    [GeneratedRegex("^-?[0-9]{1,19}$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerText();
}
