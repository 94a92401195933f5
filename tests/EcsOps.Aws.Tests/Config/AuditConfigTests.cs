using EcsOps.Aws.Config;

namespace EcsOps.Aws.Tests.Config;

/// <summary>The <c>audit:</c> section of ecsops.yaml.</summary>
public sealed class AuditConfigTests
{
    private static EnvironmentVariables Env(params (string Name, string Value)[] variables) =>
        new(variables.ToDictionary(v => v.Name, v => v.Value));

    private static ConfigException ParseError(string yaml) => Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "/x/ecsops.yaml"));

    [Fact]
    public void Parse_NoAuditSection_FileUnderXdgStateHome()
    {
        var audit = ConfigLoader.Parse("defaults: { regions: [eu-west-1] }\n").Audit;

        Assert.Equal("/state/ecsops/audit.jsonl", audit.ResolveFilePath(Env(("XDG_STATE_HOME", "/state"), ("HOME", "/home/me"))));
        Assert.Equal("/home/me/.local/state/ecsops/audit.jsonl", audit.ResolveFilePath(Env(("HOME", "/home/me"))));
        Assert.Null(audit.CloudWatch);
        Assert.Null(audit.Transcripts);
        Assert.False(audit.RequireAllSinks);
    }

    [Fact]
    public void Parse_EverySetting_Read()
    {
        var audit = ConfigLoader.Parse("""
            audit:
              file: logs/audit.jsonl
              require: all
              cloudwatch:
                logGroup: /ecsops/audit
                region: eu-west-1
                account: security
              transcripts:
                bucket: acme-ecsops-audit
                prefix: sessions
                region: eu-west-1
                account: "999999999999"
                recordInput: true
                partSize: 512KB
                partInterval: 30s
                kmsKeyId: alias/audit
            """, "/etc/ecsops/ecsops.yaml").Audit;

        Assert.Equal("/etc/ecsops/logs/audit.jsonl", audit.ResolveFilePath(Env()));
        Assert.True(audit.RequireAllSinks);
        Assert.Equal(new AuditCloudWatchConfig("/ecsops/audit") { Region = "eu-west-1", Account = "security" }, audit.CloudWatch);
        var transcripts = audit.Transcripts!;
        Assert.Equal(("acme-ecsops-audit", "sessions/", "eu-west-1", "999999999999"), (transcripts.Bucket, transcripts.Prefix, transcripts.Region, transcripts.Account));
        Assert.True(transcripts.RecordInput);
        Assert.Equal(512 * 1024, transcripts.PartSize);
        Assert.Equal(TimeSpan.FromSeconds(30), transcripts.PartInterval);
        Assert.Equal("alias/audit", transcripts.KmsKeyId);
    }

    [Fact]
    public void Parse_FileFalseWithCloudWatch_NoLocalFile()
    {
        var audit = ConfigLoader.Parse("audit:\n  file: false\n  cloudwatch: { logGroup: /a }\n").Audit;

        Assert.Null(audit.ResolveFilePath(Env(("HOME", "/home/me"))));
    }

    [Theory]
    [InlineData("audit:\n  file: false\n", "/x/ecsops.yaml:2:3: audit needs somewhere to write: keep the file (remove 'file: false') or configure cloudwatch")]
    [InlineData("audit:\n  require: most\n", "/x/ecsops.yaml:2:12: audit.require must be 'any' (one sink is enough) or 'all', not 'most'")]
    [InlineData("audit:\n  cloudwatch: { region: eu-west-1 }\n", "/x/ecsops.yaml:2:15: audit.cloudwatch needs a logGroup")]
    [InlineData("audit:\n  transcripts: { bucket: Bad_Bucket }\n", "/x/ecsops.yaml:2:26: 'Bad_Bucket' is not an S3 bucket name (3-63 of a-z, 0-9, '.' and '-')")]
    [InlineData("audit:\n  transcripts: { bucket: b-1, partSize: 1KB }\n", "/x/ecsops.yaml:2:41: partSize must be a size from 64KB to 1024MB such as 1MB or 512KB, not '1KB'")]
    [InlineData("audit:\n  jsonl: a\n", "/x/ecsops.yaml:2:3: unknown key 'jsonl' in audit (expected one of: file, cloudwatch, transcripts, require)")]
    public void Parse_BadAuditSection_OneLineWithPlace(string yaml, string expected) => Assert.Equal(expected, ParseError(yaml).Message);
}
