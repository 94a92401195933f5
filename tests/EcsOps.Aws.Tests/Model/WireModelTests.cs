using System.Text.Json;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Aws.Kms.Model;
using EcsOps.Aws.Logs.Model;
using EcsOps.Aws.SecretsManager.Model;

namespace EcsOps.Aws.Tests.Model;

public class WireModelTests
{
    // Shaped like a real DescribeTasks answer (fields trimmed).
    private const string DescribeTasksJson = """
        {"tasks":[{"clusterArn":"arn:aws:ecs:us-east-1:111111111111:cluster/web",
          "taskArn":"arn:aws:ecs:us-east-1:111111111111:task/web/0123456789abcdef0123456789abcdef",
          "createdAt":1711111111.123,"lastStatus":"RUNNING","desiredStatus":"RUNNING","enableExecuteCommand":true,
          "version":3,"platformVersion":"1.4.0",
          "containers":[{"name":"app","runtimeId":"0123456789abcdef0123456789abcdef-1234567890",
            "networkBindings":[{"bindIP":"0.0.0.0","containerPort":80}],
            "managedAgents":[{"name":"ExecuteCommandAgent","lastStatus":"RUNNING","lastStartedAt":1711111112}]}]}],
         "failures":[]}
        """;

    [Fact]
    public void EcsDescribeTasksResponse_FromWireJson_ReadsCamelCaseAndEpochSeconds()
    {
        var response = JsonSerializer.Deserialize(DescribeTasksJson, EcsJsonContext.Default.DescribeTasksResponse)!;

        var task = Assert.Single(response.Tasks);
        Assert.True(task.EnableExecuteCommand);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1711111111123), task.CreatedAt);
        var container = Assert.Single(task.Containers);
        Assert.Equal("0.0.0.0", Assert.Single(container.NetworkBindings!).BindIP);
        Assert.Equal(EcsStatus.Running, Assert.Single(container.ManagedAgents!).LastStatus);
    }

    [Fact]
    public void EcsService_Serialized_UsesWireNamesAndOmitsNulls()
    {
        var service = new Service
        {
            ServiceArn = "arn:aws:ecs:us-east-1:111111111111:service/web/api",
            ServiceName = "api",
            ClusterArn = "arn:aws:ecs:us-east-1:111111111111:cluster/web",
            EnableExecuteCommand = true,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500),
            NetworkConfiguration = new NetworkConfiguration
            {
                AwsvpcConfiguration = new AwsVpcConfiguration { Subnets = ["subnet-1"], AssignPublicIp = "DISABLED" },
            },
        };

        var json = JsonSerializer.Serialize(service, EcsJsonContext.Default.Service);

        Assert.Contains("\"enableExecuteCommand\":true", json, StringComparison.Ordinal);
        Assert.Contains("\"enableECSManagedTags\":false", json, StringComparison.Ordinal);
        Assert.Contains("\"createdAt\":1700000000.5", json, StringComparison.Ordinal);
        Assert.Contains("\"awsvpcConfiguration\":{\"subnets\":[\"subnet-1\"],\"assignPublicIp\":\"DISABLED\"}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void KmsGenerateDataKeyResponse_Serialized_UsesPascalCaseAndBase64Blobs()
    {
        var json = JsonSerializer.Serialize(
            new GenerateDataKeyResponse { CiphertextBlob = [1, 2, 3], Plaintext = [4], KeyId = "arn:aws:kms:us-east-1:1:key/k" },
            KmsJsonContext.Default.GenerateDataKeyResponse);

        Assert.Equal("{\"CiphertextBlob\":\"AQID\",\"Plaintext\":\"BA==\",\"KeyId\":\"arn:aws:kms:us-east-1:1:key/k\"}", json);
    }

    [Fact]
    public void SecretsManagerGetSecretValueResponse_Serialized_SpellsArnInCapitals()
    {
        var json = JsonSerializer.Serialize(
            new GetSecretValueResponse { Arn = "arn:x", Name = "db", CreatedDate = DateTimeOffset.FromUnixTimeSeconds(1) },
            SecretsManagerJsonContext.Default.GetSecretValueResponse);

        Assert.Equal("{\"ARN\":\"arn:x\",\"Name\":\"db\",\"CreatedDate\":1}", json);
    }

    [Fact]
    public void LogsGetLogEventsRequest_FromWireJson_ReadsCamelCase()
    {
        var request = JsonSerializer.Deserialize(
            """{"logGroupName":"g","logStreamName":"s","startFromHead":true,"limit":5}""",
            LogsJsonContext.Default.GetLogEventsRequest)!;

        Assert.Equal(("g", "s", true, 5), (request.LogGroupName, request.LogStreamName, request.StartFromHead, request.Limit));
    }
}
