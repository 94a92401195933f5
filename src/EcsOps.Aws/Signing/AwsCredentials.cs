namespace EcsOps.Aws.Signing;

/// <summary>
/// An access key pair, with the session token that temporary (STS) credentials carry.
/// </summary>
/// <param name="AccessKeyId">The public half, e.g. <c>AKIA…</c> or <c>ASIA…</c>.</param>
/// <param name="SecretAccessKey">The secret half; never leaves the process.</param>
/// <param name="SessionToken">Present for temporary credentials; sent as <c>X-Amz-Security-Token</c>.</param>
/// <param name="Expiration">When temporary credentials stop working; <c>null</c> for long-term keys.</param>
public sealed record AwsCredentials(
    string AccessKeyId,
    string SecretAccessKey,
    string? SessionToken = null,
    DateTimeOffset? Expiration = null)
{
    /// <summary>Keeps the secret out of logs and test output.</summary>
    public override string ToString() =>
        $"AwsCredentials {{ AccessKeyId = {AccessKeyId}, HasSessionToken = {SessionToken is not null} }}";
}
