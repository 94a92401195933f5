namespace EcsOps.Runbooks.Parameters;

/// <summary>The kinds of values a runbook parameter takes (<c>type:</c> in YAML).</summary>
public enum ParameterType
{
    /// <summary><c>string</c>: any text without NUL, optionally matching a <c>pattern</c> (whole value).</summary>
    String,

    /// <summary><c>enum</c>: one of <c>values</c>.</summary>
    Enum,

    /// <summary><c>integer</c>: a whole number, optionally within <c>min</c>/<c>max</c>; passed on in canonical form.</summary>
    Integer,

    /// <summary><c>s3-key</c>: an S3 object key, or an <c>s3://bucket/key</c> URI.</summary>
    S3Key,

    /// <summary><c>duration</c>: a number and unit (<c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>2d</c>), or several (<c>1h30m</c>).</summary>
    Duration,
}
