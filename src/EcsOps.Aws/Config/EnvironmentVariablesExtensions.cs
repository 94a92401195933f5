namespace EcsOps.Aws.Config;

/// <summary>Common readings of well-known variables.</summary>
public static class EnvironmentVariablesExtensions
{
    /// <summary>The value when set and not blank; null otherwise (AWS tools treat an empty variable as unset).</summary>
    public static string? GetNonEmpty(this IEnvironmentVariables environment, string name)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var value = environment.Get(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>True for <c>true</c> (any case); false for anything else, including unset.</summary>
    public static bool GetFlag(this IEnvironmentVariables environment, string name) =>
        string.Equals(environment.GetNonEmpty(name), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The user's home directory: <c>HOME</c>, then <c>USERPROFILE</c>.</summary>
    public static string? HomeDirectory(this IEnvironmentVariables environment) =>
        environment.GetNonEmpty("HOME") ?? environment.GetNonEmpty("USERPROFILE");

    /// <summary>The region from <c>AWS_REGION</c>, then <c>AWS_DEFAULT_REGION</c>.</summary>
    public static string? AwsRegion(this IEnvironmentVariables environment) =>
        environment.GetNonEmpty("AWS_REGION") ?? environment.GetNonEmpty("AWS_DEFAULT_REGION");

    /// <summary>The profile from <c>AWS_PROFILE</c>, then <c>AWS_DEFAULT_PROFILE</c>.</summary>
    public static string? AwsProfile(this IEnvironmentVariables environment) =>
        environment.GetNonEmpty("AWS_PROFILE") ?? environment.GetNonEmpty("AWS_DEFAULT_PROFILE");
}
