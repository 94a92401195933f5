using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SimpleSystemsManagement;
using EcsOps.Aws.Config;
using EcsOps.Aws.Credentials;
using EcsOps.Aws.Ecs;
using EcsOps.Aws.Endpoints;
using EcsOps.Aws.Http;
using EcsOps.Aws.Kms;
using EcsOps.Aws.Logs;
using EcsOps.Aws.Organizations;
using EcsOps.Aws.SecretsManager;

namespace EcsOps.Aws;

/// <summary>
/// The one place AWS clients are built: our JSON clients (ECS, Logs, KMS, Secrets Manager, Organizations) and the
/// AWS SDK clients (SSM, STS, S3, EC2), all with endpoints from the same <see cref="EndpointResolver"/>, the same
/// retry settings and whichever credentials the caller passes (usually an account's assumed role).
/// </summary>
public sealed class AwsClientFactory : IDisposable
{
    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;

    /// <param name="endpoints">Endpoint resolution for every client.</param>
    /// <param name="retry">Attempts and back-off; <see cref="RetryOptions.FromEnvironment"/> is the usual source.</param>
    /// <param name="timeProvider">The clock for signatures and back-off delays.</param>
    /// <param name="httpClient">Shared by the JSON clients; a new one owned by the factory when null.</param>
    public AwsClientFactory(EndpointResolver endpoints, RetryOptions retry, TimeProvider timeProvider, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Endpoints = endpoints;
        Retry = retry;
        TimeProvider = timeProvider;
        _ownsHttpClient = httpClient is null;
        _httpClient = httpClient ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>A factory reading AWS_* settings from <paramref name="environment"/>, with the system clock.</summary>
    public static AwsClientFactory FromEnvironment(IEnvironmentVariables environment, string? profileName = null) =>
        new(new EndpointResolver(environment, profileName), RetryOptions.FromEnvironment(environment), TimeProvider.System);

    public EndpointResolver Endpoints { get; }

    public RetryOptions Retry { get; }

    public TimeProvider TimeProvider { get; }

    public EcsClient CreateEcs(string region, IAwsCredentialsProvider credentials) =>
        new(CreateJsonTransport(AwsServiceId.Ecs, EcsClient.TargetPrefix, region, credentials));

    public LogsClient CreateLogs(string region, IAwsCredentialsProvider credentials) =>
        new(CreateJsonTransport(AwsServiceId.CloudWatchLogs, LogsClient.TargetPrefix, region, credentials));

    public KmsClient CreateKms(string region, IAwsCredentialsProvider credentials) =>
        new(CreateJsonTransport(AwsServiceId.Kms, KmsClient.TargetPrefix, region, credentials));

    public SecretsManagerClient CreateSecretsManager(string region, IAwsCredentialsProvider credentials) =>
        new(CreateJsonTransport(AwsServiceId.SecretsManager, SecretsManagerClient.TargetPrefix, region, credentials));

    /// <summary>Organizations is global; <paramref name="region"/> only picks the partition.</summary>
    public OrganizationsClient CreateOrganizations(string region, IAwsCredentialsProvider credentials) =>
        new(CreateJsonTransport(AwsServiceId.Organizations, OrganizationsClient.TargetPrefix, region, credentials));

    /// <summary>The transport behind a JSON client, for a service this factory has no typed client for yet.</summary>
    public AwsJsonClient CreateJsonTransport(AwsServiceId service, string targetPrefix, string region, IAwsCredentialsProvider credentials) =>
        new(new AwsJsonClientOptions
        {
            HttpClient = _httpClient,
            Credentials = credentials,
            Endpoint = Endpoints.Resolve(service, region),
            TargetPrefix = targetPrefix,
            Retry = Retry,
            TimeProvider = TimeProvider,
        });

    /// <summary>An AWS SDK SSM client (sessions: StartSession, TerminateSession, ResumeSession).</summary>
    public AmazonSimpleSystemsManagementClient CreateSsm(string region, IAwsCredentialsProvider credentials) =>
        new(new SdkCredentialsAdapter(credentials), Configure(new AmazonSimpleSystemsManagementConfig(), AwsServiceId.Ssm, region));

    /// <summary>An AWS SDK STS client (GetCallerIdentity, AssumeRole).</summary>
    public AmazonSecurityTokenServiceClient CreateSts(string region, IAwsCredentialsProvider credentials) =>
        new(new SdkCredentialsAdapter(credentials), Configure(new AmazonSecurityTokenServiceConfig(), AwsServiceId.Sts, region));

    /// <summary>An AWS SDK EC2 client (networking reads for doctor: subnets, route tables, VPC endpoints).</summary>
    public AmazonEC2Client CreateEc2(string region, IAwsCredentialsProvider credentials) =>
        new(new SdkCredentialsAdapter(credentials), Configure(new AmazonEC2Config(), AwsServiceId.Ec2, region));

    /// <summary>An AWS SDK S3 client; path-style addressing when the endpoint is overridden.</summary>
    public AmazonS3Client CreateS3(string region, IAwsCredentialsProvider credentials)
    {
        var config = Configure(new AmazonS3Config(), AwsServiceId.S3, region);
        config.ForcePathStyle = Endpoints.Resolve(AwsServiceId.S3, region).IsOverridden;
        return new AmazonS3Client(new SdkCredentialsAdapter(credentials), config);
    }

    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    private TConfig Configure<TConfig>(TConfig config, AwsServiceId service, string region)
        where TConfig : ClientConfig
    {
        var endpoint = Endpoints.Resolve(service, region);

        // The resolver has already applied AWS_ENDPOINT_URL*; the SDK must not apply its own reading of them.
        config.IgnoreConfiguredEndpointUrls = true;
        config.MaxErrorRetry = Retry.MaxAttempts - 1;
        if (endpoint.IsOverridden)
        {
            config.ServiceURL = endpoint.Url.ToString();
            config.AuthenticationRegion = endpoint.SigningRegion;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return config;
    }
}
