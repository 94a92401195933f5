namespace EcsOps.Sandbox.Http;

/// <summary>An emulated AWS service: how requests reach it and the name they must be signed for.</summary>
/// <param name="Name">Short name used in logs and error messages.</param>
/// <param name="SigningName">The service in the SigV4 credential scope.</param>
/// <param name="Protocol">Wire protocol.</param>
/// <param name="TargetPrefix">The X-Amz-Target prefix before the dot, for JSON services.</param>
public sealed record AwsService(string Name, string SigningName, AwsProtocol Protocol, string? TargetPrefix)
{
    public static readonly AwsService Ecs = new("ecs", "ecs", AwsProtocol.Json, "AmazonEC2ContainerServiceV20141113");
    public static readonly AwsService Ssm = new("ssm", "ssm", AwsProtocol.Json, "AmazonSSM");
    public static readonly AwsService Logs = new("logs", "logs", AwsProtocol.Json, "Logs_20140328");
    public static readonly AwsService Kms = new("kms", "kms", AwsProtocol.Json, "TrentService");
    public static readonly AwsService SecretsManager = new("secretsmanager", "secretsmanager", AwsProtocol.Json, "secretsmanager");
    public static readonly AwsService Sts = new("sts", "sts", AwsProtocol.Query, null);
    public static readonly AwsService Ec2 = new("ec2", "ec2", AwsProtocol.Ec2Query, null);
    public static readonly AwsService S3 = new("s3", "s3", AwsProtocol.RestXml, null);

    /// <summary>Every JSON service, for X-Amz-Target routing.</summary>
    public static readonly IReadOnlyList<AwsService> JsonServices = [Ecs, Ssm, Logs, Kms, SecretsManager];
}
