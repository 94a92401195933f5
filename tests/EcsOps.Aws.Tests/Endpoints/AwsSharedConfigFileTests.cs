using EcsOps.Aws.Endpoints;

namespace EcsOps.Aws.Tests.Endpoints;

public class AwsSharedConfigFileTests
{
    [Fact]
    public void Parse_ProfilesAndNestedServiceSettings_AreRead()
    {
        var file = AwsSharedConfigFile.Parse("""
            # comment
            [default]
            region=eu-west-1
            [profile  dev ]
            region = us-east-1 ; trailing comment
            services = svc
            [services svc]
            s3 =
              endpoint_url = http://s3.local
              addressing_style = path
            """);

        Assert.Equal("eu-west-1", file.Profile("default")["region"]);
        Assert.Equal("us-east-1", file.Profile("dev")["region"]);
        Assert.Equal("http://s3.local", file.Services("svc")["s3.endpoint_url"]);
        Assert.Equal("path", file.Services("svc")["s3.addressing_style"]);
    }

    [Fact]
    public void Parse_UnknownProfile_IsEmpty()
    {
        var file = AwsSharedConfigFile.Parse("[profile a]\nregion = x\n");

        Assert.Empty(file.Profile("b"));
        Assert.Empty(file.Services("none"));
    }

    [Fact]
    public void Parse_GarbageLines_AreSkipped()
    {
        var file = AwsSharedConfigFile.Parse("orphan = 1\n[profile a]\nno equals sign\n= no key\nregion = r\n\r\n");

        Assert.Equal("r", Assert.Single(file.Profile("a")).Value);
    }

    [Fact]
    public void Parse_UrlWithHashWithoutSpace_KeepsFragment()
    {
        var file = AwsSharedConfigFile.Parse("[default]\nendpoint_url = http://host/a#b\n");

        Assert.Equal("http://host/a#b", file.Profile("default")["endpoint_url"]);
    }
}
