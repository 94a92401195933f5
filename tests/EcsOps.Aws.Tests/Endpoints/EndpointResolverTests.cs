using EcsOps.Aws.Config;
using EcsOps.Aws.Endpoints;

namespace EcsOps.Aws.Tests.Endpoints;

public class EndpointResolverTests
{
    private const string ConfigText = """
        [default]
        region = us-east-1

        [profile local]
        endpoint_url = http://profile-global:4566
        services = local-services

        [profile ignoring]
        endpoint_url = http://profile-global:4566
        ignore_configured_endpoint_urls = true

        [services local-services]
        ecs =
          endpoint_url = http://profile-ecs:4566
        cloudwatch_logs =
          endpoint_url = http://profile-logs:4566 # the Logs emulator
        """;

    private static EndpointResolver Resolver(Dictionary<string, string> variables, string? profile = null) =>
        new(new EnvironmentVariables(variables), profile, AwsSharedConfigFile.Parse(ConfigText));

    [Fact]
    public void Resolve_NothingConfigured_PublicRegionalEndpoint()
    {
        var endpoint = Resolver([]).Resolve(AwsServiceId.Ecs, "eu-west-1");

        Assert.Equal(new Uri("https://ecs.eu-west-1.amazonaws.com/"), endpoint.Url);
        Assert.Equal("eu-west-1", endpoint.SigningRegion);
        Assert.Equal("ecs", endpoint.SigningName);
        Assert.Equal(EndpointSource.Default, endpoint.Source);
        Assert.False(endpoint.IsOverridden);
    }

    [Theory]
    [InlineData("CloudWatch Logs", "https://logs.us-east-2.amazonaws.com/", "logs")]
    [InlineData("Secrets Manager", "https://secretsmanager.us-east-2.amazonaws.com/", "secretsmanager")]
    [InlineData("SSM", "https://ssm.us-east-2.amazonaws.com/", "ssm")]
    [InlineData("STS", "https://sts.us-east-2.amazonaws.com/", "sts")]
    public void Resolve_Default_UsesServicePrefixAndSigningName(string serviceId, string url, string signingName)
    {
        var service = AwsServiceId.All.Single(s => s.ServiceId == serviceId);

        var endpoint = Resolver([]).Resolve(service, "us-east-2");

        Assert.Equal(new Uri(url), endpoint.Url);
        Assert.Equal(signingName, endpoint.SigningName);
    }

    [Fact]
    public void Resolve_ChinaRegion_UsesChinaDnsSuffix()
    {
        var endpoint = Resolver([]).Resolve(AwsServiceId.Ecs, "cn-north-1");

        Assert.Equal(new Uri("https://ecs.cn-north-1.amazonaws.com.cn/"), endpoint.Url);
    }

    [Fact]
    public void Resolve_Organizations_IsGlobalInUsEast1()
    {
        var endpoint = Resolver([]).Resolve(AwsServiceId.Organizations, "eu-central-1");

        Assert.Equal(new Uri("https://organizations.us-east-1.amazonaws.com/"), endpoint.Url);
        Assert.Equal("us-east-1", endpoint.SigningRegion);
    }

    [Fact]
    public void Resolve_GlobalVariable_AppliesToEveryService()
    {
        var resolver = Resolver(new() { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566" });

        foreach (var service in AwsServiceId.All)
        {
            var endpoint = resolver.Resolve(service, "eu-west-1");
            Assert.Equal(new Uri("http://127.0.0.1:4566"), endpoint.Url);
            Assert.Equal(EndpointSource.GlobalEnvironmentVariable, endpoint.Source);
            Assert.True(endpoint.IsOverridden);
        }
    }

    [Fact]
    public void Resolve_GlobalVariable_KeepsRegionForSigning()
    {
        var endpoint = Resolver(new() { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566" }).Resolve(AwsServiceId.Ecs, "eu-west-1");

        Assert.Equal("eu-west-1", endpoint.SigningRegion);
    }

    [Theory]
    [InlineData("ECS", "AWS_ENDPOINT_URL_ECS")]
    [InlineData("SSM", "AWS_ENDPOINT_URL_SSM")]
    [InlineData("STS", "AWS_ENDPOINT_URL_STS")]
    [InlineData("S3", "AWS_ENDPOINT_URL_S3")]
    [InlineData("CloudWatch Logs", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS")]
    [InlineData("KMS", "AWS_ENDPOINT_URL_KMS")]
    [InlineData("Secrets Manager", "AWS_ENDPOINT_URL_SECRETS_MANAGER")]
    [InlineData("Organizations", "AWS_ENDPOINT_URL_ORGANIZATIONS")]
    [InlineData("EC2", "AWS_ENDPOINT_URL_EC2")]
    public void Resolve_ServiceVariable_BeatsGlobalVariable(string serviceId, string variable)
    {
        var service = AwsServiceId.All.Single(s => s.ServiceId == serviceId);
        var resolver = Resolver(new() { ["AWS_ENDPOINT_URL"] = "http://global:1", [variable] = "http://specific:2/base" });

        var endpoint = resolver.Resolve(service, "eu-west-1");

        Assert.Equal(new Uri("http://specific:2/base"), endpoint.Url);
        Assert.Equal(EndpointSource.ServiceEnvironmentVariable, endpoint.Source);
    }

    [Fact]
    public void Resolve_ServiceVariableOfAnotherService_DoesNotApply()
    {
        var endpoint = Resolver(new() { ["AWS_ENDPOINT_URL_SSM"] = "http://ssm-only:1" }).Resolve(AwsServiceId.Ecs, "eu-west-1");

        Assert.Equal(EndpointSource.Default, endpoint.Source);
    }

    [Fact]
    public void Resolve_ProfileServicesSection_BeatsProfileGlobal()
    {
        var resolver = Resolver([], profile: "local");

        Assert.Equal(new Uri("http://profile-ecs:4566"), resolver.Resolve(AwsServiceId.Ecs, "eu-west-1").Url);
        Assert.Equal(new Uri("http://profile-logs:4566"), resolver.Resolve(AwsServiceId.CloudWatchLogs, "eu-west-1").Url);
        Assert.Equal(EndpointSource.ServiceProfileSetting, resolver.Resolve(AwsServiceId.Ecs, "eu-west-1").Source);
        var kms = resolver.Resolve(AwsServiceId.Kms, "eu-west-1");
        Assert.Equal(new Uri("http://profile-global:4566"), kms.Url);
        Assert.Equal(EndpointSource.GlobalProfileSetting, kms.Source);
    }

    [Fact]
    public void Resolve_EnvironmentVariable_BeatsProfileSettings()
    {
        var resolver = Resolver(new() { ["AWS_ENDPOINT_URL"] = "http://from-env:1" }, profile: "local");

        Assert.Equal(new Uri("http://from-env:1"), resolver.Resolve(AwsServiceId.Ecs, "eu-west-1").Url);
    }

    [Fact]
    public void Resolve_ProfileFromAwsProfileVariable_IsUsed()
    {
        var endpoint = Resolver(new() { ["AWS_PROFILE"] = "local" }).Resolve(AwsServiceId.Ecs, "eu-west-1");

        Assert.Equal(EndpointSource.ServiceProfileSetting, endpoint.Source);
    }

    [Fact]
    public void Resolve_IgnoreVariable_TurnsEveryOverrideOff()
    {
        var resolver = Resolver(
            new() { ["AWS_ENDPOINT_URL"] = "http://global:1", ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true" }, profile: "local");

        Assert.Equal(EndpointSource.Default, resolver.Resolve(AwsServiceId.Ecs, "eu-west-1").Source);
    }

    [Fact]
    public void Resolve_ProfileIgnoreSetting_TurnsEnvironmentOverridesOffToo()
    {
        var resolver = Resolver(new() { ["AWS_ENDPOINT_URL"] = "http://global:1" }, profile: "ignoring");

        Assert.Equal(EndpointSource.Default, resolver.Resolve(AwsServiceId.Ecs, "eu-west-1").Source);
    }

    [Theory]
    [InlineData("127.0.0.1:4566")]
    [InlineData("ftp://example.com")]
    [InlineData("not a url")]
    public void Resolve_MalformedOverride_ThrowsNamingTheVariable(string value)
    {
        var resolver = Resolver(new() { ["AWS_ENDPOINT_URL_ECS"] = value });

        var error = Assert.Throws<EndpointConfigurationException>(() => resolver.Resolve(AwsServiceId.Ecs, "eu-west-1"));
        Assert.Contains("AWS_ENDPOINT_URL_ECS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_EmptyVariable_CountsAsUnset()
    {
        var endpoint = Resolver(new() { ["AWS_ENDPOINT_URL"] = "  " }).Resolve(AwsServiceId.Ecs, "eu-west-1");

        Assert.Equal(EndpointSource.Default, endpoint.Source);
    }
}
