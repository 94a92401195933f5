using Amazon.Runtime;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Aws.Http;
using EcsOps.Aws.Kms;
using EcsOps.Aws.Logs.Model;
using EcsOps.Protocol.Encryption;

namespace EcsOps.Aws.Doctor;

/// <summary>
/// The cluster's executeCommandConfiguration: how sessions are logged, whether the CloudWatch Logs group and S3 bucket
/// it names exist, and whether the caller can make data keys with its KMS key (what the CLI does at every session).
/// </summary>
public sealed class ClusterConfigurationChecks(AwsClientFactory factory) : IDoctorChecks
{
    public const string Logging = "exec-logging";
    public const string LogGroup = "exec-log-group";
    public const string LogBucket = "exec-log-bucket";
    public const string KmsKey = "exec-kms-key";

    public async Task<IReadOnlyList<DoctorCheck>> RunAsync(DoctorFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Cluster is null)
        {
            var error = facts.ReadErrors.GetValueOrDefault("cluster") ?? new InvalidOperationException("DescribeClusters did not return the cluster");
            return [DoctorCheck.Unknown(Logging, "cluster exec configuration", error, "allow ecs:DescribeClusters, then run doctor again")];
        }

        var configuration = facts.ExecConfiguration;
        var checks = new List<DoctorCheck> { LoggingMode(facts, configuration) };
        if (configuration?.Logging == "OVERRIDE" && configuration.LogConfiguration is { } destinations)
        {
            if (destinations.CloudWatchLogGroupName is { Length: > 0 } group)
            {
                checks.Add(await LogGroupAsync(facts, group, cancellationToken));
            }

            if (destinations.S3BucketName is { Length: > 0 } bucket)
            {
                checks.Add(await BucketAsync(facts, bucket, cancellationToken));
            }
        }

        if (configuration?.KmsKeyId is { Length: > 0 } keyId)
        {
            checks.Add(await KeyAsync(facts, keyId, cancellationToken));
        }

        return checks;
    }

    private static DoctorCheck LoggingMode(DoctorFacts facts, ExecuteCommandConfiguration? configuration)
    {
        const string title = "session logging";
        var set = $"aws ecs update-cluster {facts.AwsCliScope} --configuration 'executeCommandConfiguration={{logging=DEFAULT}}'";
        var destinations = configuration?.LogConfiguration;
        return configuration?.Logging switch
        {
            null or "DEFAULT" => DoctorCheck.Pass(Logging, title, "DEFAULT: session output goes where the container's awslogs driver sends its logs"),
            "NONE" => DoctorCheck.Warn(Logging, title, "NONE: ECS Exec sessions are not logged anywhere", set + " (or OVERRIDE with a log group or bucket)"),
            "OVERRIDE" when destinations?.CloudWatchLogGroupName is { Length: > 0 } || destinations?.S3BucketName is { Length: > 0 } =>
                DoctorCheck.Pass(Logging, title, "OVERRIDE: " + string.Join(", ", Destinations(destinations!))),
            "OVERRIDE" => DoctorCheck.Warn(Logging, title, "OVERRIDE without a log group or bucket: sessions are not logged",
                "name a cloudWatchLogGroupName or s3BucketName in the cluster's logConfiguration"),
            var other => DoctorCheck.Warn(Logging, title, $"unknown logging mode '{other}'", set),
        };
    }

    private static IEnumerable<string> Destinations(ExecuteCommandLogConfiguration destinations)
    {
        if (destinations.CloudWatchLogGroupName is { Length: > 0 } group)
        {
            yield return $"CloudWatch Logs {group}" + (destinations.CloudWatchEncryptionEnabled ? " (encrypted)" : "");
        }

        if (destinations.S3BucketName is { Length: > 0 } bucket)
        {
            yield return $"s3://{bucket}/{destinations.S3KeyPrefix}" + (destinations.S3EncryptionEnabled ? " (encrypted)" : "");
        }
    }

    private async Task<DoctorCheck> LogGroupAsync(DoctorFacts facts, string group, CancellationToken cancellationToken)
    {
        const string title = "session log group";
        var region = facts.Container.Region;
        try
        {
            await factory.CreateLogs(region, facts.Credentials).DescribeLogStreamsAsync(
                new DescribeLogStreamsRequest { LogGroupName = group, Limit = 1 }, cancellationToken);
            return DoctorCheck.Pass(LogGroup, title, $"{group} exists");
        }
        catch (ResourceNotFoundException)
        {
            return DoctorCheck.Warn(LogGroup, title, $"{group} does not exist, so session transcripts cannot be written",
                $"aws logs create-log-group --log-group-name {group} --region {region}");
        }
        catch (AwsServiceException error) when (error is not ThrottlingException)
        {
            return DoctorCheck.Unknown(LogGroup, title, error, "allow logs:DescribeLogStreams on the group to check it");
        }
    }

    private async Task<DoctorCheck> BucketAsync(DoctorFacts facts, string bucket, CancellationToken cancellationToken)
    {
        const string title = "session log bucket";
        try
        {
            using var s3 = factory.CreateS3(facts.Container.Region, facts.Credentials);
            await s3.HeadBucketAsync(new Amazon.S3.Model.HeadBucketRequest { BucketName = bucket }, cancellationToken);
            return DoctorCheck.Pass(LogBucket, title, $"s3://{bucket} exists");
        }
        catch (AmazonServiceException error) when (error.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return DoctorCheck.Warn(LogBucket, title, $"s3://{bucket} does not exist, so session transcripts cannot be written",
                $"aws s3api create-bucket --bucket {bucket} --region {facts.Container.Region} (or name an existing bucket in the cluster's logConfiguration)");
        }
        catch (AmazonServiceException error)
        {
            return DoctorCheck.Unknown(LogBucket, title, SdkErrors.Translate(error), "allow s3:ListBucket on the bucket to check it");
        }
    }

    private async Task<DoctorCheck> KeyAsync(DoctorFacts facts, string keyId, CancellationToken cancellationToken)
    {
        const string title = "session KMS key";
        var generator = new KmsDataKeyGenerator(region => factory.CreateKms(region, facts.Credentials), facts.Container.Region);
        try
        {
            // The same call every encrypted session makes, with a context naming no real session.
            var context = KmsEncryptionContext.Create("ecsops-doctor", facts.Container.SsmTarget?.ToString() ?? facts.Container.TaskArn);
            await generator.GenerateDataKeyAsync(keyId, context, SessionCipher.DataKeyLength, cancellationToken);
            return DoctorCheck.Pass(KmsKey, title, $"{keyId}: you can generate session data keys with it");
        }
        catch (AwsServiceException error) when (error is AccessDeniedException or ResourceNotFoundException or InvalidParameterException
                                                    || error.ErrorCode is "DisabledException" or "NotFoundException" or "KMSInvalidStateException")
        {
            return DoctorCheck.Fail(KmsKey, title, $"{keyId}: kms:GenerateDataKey failed ({error.ErrorCode}: {error.Message.TrimEnd('.')}), so every session fails",
                "enable the key and allow kms:GenerateDataKey on it to the people who exec (and kms:Decrypt to the task role), or change the cluster's kmsKeyId");
        }
        catch (AwsServiceException error)
        {
            return DoctorCheck.Unknown(KmsKey, title, error, "run doctor again; KMS did not answer");
        }
    }
}
