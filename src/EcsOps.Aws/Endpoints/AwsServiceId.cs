namespace EcsOps.Aws.Endpoints;

/// <summary>
/// An AWS service as endpoint configuration names it: the serviceId of the SDKs, its <c>AWS_ENDPOINT_URL_&lt;KEY&gt;</c>
/// suffix, its key in a <c>[services …]</c> section of the shared config file, and the host prefix and SigV4
/// signing name of its default endpoint.
/// </summary>
/// <param name="ServiceId">The SDK serviceId, e.g. <c>CloudWatch Logs</c>.</param>
/// <param name="EnvironmentKey">The suffix of <c>AWS_ENDPOINT_URL_</c>, e.g. <c>CLOUDWATCH_LOGS</c>.</param>
/// <param name="ConfigKey">The key in a <c>[services …]</c> section, e.g. <c>cloudwatch_logs</c>.</param>
/// <param name="EndpointPrefix">The first label of the default host, e.g. <c>logs</c>.</param>
/// <param name="SigningName">The service in the SigV4 credential scope.</param>
/// <param name="GlobalRegion">For a global service, the region its single endpoint lives in and is signed for.</param>
public sealed record AwsServiceId(
    string ServiceId,
    string EnvironmentKey,
    string ConfigKey,
    string EndpointPrefix,
    string SigningName,
    string? GlobalRegion = null)
{
    public static readonly AwsServiceId Ecs = new("ECS", "ECS", "ecs", "ecs", "ecs");
    public static readonly AwsServiceId Ssm = new("SSM", "SSM", "ssm", "ssm", "ssm");
    public static readonly AwsServiceId Sts = new("STS", "STS", "sts", "sts", "sts");
    public static readonly AwsServiceId S3 = new("S3", "S3", "s3", "s3", "s3");
    public static readonly AwsServiceId CloudWatchLogs = new("CloudWatch Logs", "CLOUDWATCH_LOGS", "cloudwatch_logs", "logs", "logs");
    public static readonly AwsServiceId Kms = new("KMS", "KMS", "kms", "kms", "kms");
    public static readonly AwsServiceId SecretsManager = new("Secrets Manager", "SECRETS_MANAGER", "secrets_manager", "secretsmanager", "secretsmanager");
    public static readonly AwsServiceId Organizations = new("Organizations", "ORGANIZATIONS", "organizations", "organizations", "organizations", GlobalRegion: "us-east-1");
    public static readonly AwsServiceId Ec2 = new("EC2", "EC2", "ec2", "ec2", "ec2");

    /// <summary>Every service EcsOps talks to.</summary>
    public static readonly IReadOnlyList<AwsServiceId> All =
        [Ecs, Ssm, Sts, S3, CloudWatchLogs, Kms, SecretsManager, Organizations, Ec2];

    /// <summary>The variable that overrides this service's endpoint alone.</summary>
    public string EndpointVariable => "AWS_ENDPOINT_URL_" + EnvironmentKey;
}
