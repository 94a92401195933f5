using System.Text.RegularExpressions;

namespace EcsOps.Aws.Config.Server;

/// <summary>
/// Where a secret lives, never the secret itself: <c>env:NAME</c> (an environment variable of the service) or
/// the ARN of an AWS Secrets Manager secret (read with the service's own credentials, in the ARN's region).
/// </summary>
public sealed partial record SecretReference
{
    private SecretReference(string? environmentVariable, string? secretArn)
    {
        EnvironmentVariable = environmentVariable;
        SecretArn = secretArn;
    }

    /// <summary>The variable name for <c>env:NAME</c>; null for a Secrets Manager ARN.</summary>
    public string? EnvironmentVariable { get; }

    /// <summary>The Secrets Manager ARN; null for <c>env:NAME</c>.</summary>
    public string? SecretArn { get; }

    /// <summary>The region of <see cref="SecretArn"/>.</summary>
    public string? SecretRegion => SecretArn?.Split(':')[3];

    /// <summary>Reads a reference; false for anything else (which is most likely a secret pasted into the file).</summary>
    public static bool TryParse(string text, out SecretReference? reference)
    {
        ArgumentNullException.ThrowIfNull(text);
        reference = null;
        if (text.StartsWith("env:", StringComparison.Ordinal) && EnvironmentName().IsMatch(text[4..]))
        {
            reference = new SecretReference(text[4..], null);
        }
        else if (SecretsManagerArn().IsMatch(text))
        {
            reference = new SecretReference(null, text);
        }

        return reference is not null;
    }

    /// <summary>The reference as written (safe to print and log).</summary>
    public override string ToString() => EnvironmentVariable is { } name ? "env:" + name : SecretArn!;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();

    [GeneratedRegex(@"^arn:aws[a-z-]*:secretsmanager:[a-z]{2}(-[a-z]+)+-[0-9]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+$")]
    private static partial Regex SecretsManagerArn();
}
