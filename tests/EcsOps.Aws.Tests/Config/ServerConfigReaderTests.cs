using System.Net;
using EcsOps.Aws.Config;
using EcsOps.Aws.Config.Server;

namespace EcsOps.Aws.Tests.Config;

public sealed class ServerConfigReaderTests
{
    private const string Full = """
        server:
          listen: 0.0.0.0:9090
          publicUrl: https://ecsops.example.com/ops
          workers: 4
          lease: 45s
          pollInterval: 500ms
          shutdownGrace: 1m
          approvalTimeout: 4h
          store:
            postgres: arn:aws:secretsmanager:eu-west-1:123456789012:secret:ecsops/db-AbCdEf
          slack:
            signingSecret: env:SLACK_SIGNING_SECRET
          tickets:
            - name: servicenow
              secret: env:SNOW_SECRET
          viewers:
            - name: ops
              token: env:VIEW_TOKEN
          groups:
            dba: [slack:U0DBA1, slack:U0DBA2]
          rules:
            - runbooks: [backup]
              targets: ["prod-*"]
              allow: [group:dba, ticket:servicenow]
              approvers: [slack:ULEAD]
            - runbooks: ["*"]
              targets: ["dev-*"]
              allow: ["slack:*"]
        """;

    [Fact]
    public void Read_EverySetting()
    {
        var server = ServerConfigReader.Read(ConfigLoader.Parse(Full, "ecsops.yaml"));

        Assert.Equal(IPAddress.Any, server.ListenAddress);
        Assert.Equal(9090, server.Port);
        Assert.Equal("https://ecsops.example.com/ops/", server.PublicUrl!.ToString());
        Assert.Equal(4, server.Workers);
        Assert.Equal(TimeSpan.FromSeconds(45), server.Lease);
        Assert.Equal(TimeSpan.FromMilliseconds(500), server.PollInterval);
        Assert.Equal(TimeSpan.FromMinutes(1), server.ShutdownGrace);
        Assert.Equal(TimeSpan.FromHours(4), server.ApprovalTimeout);
        Assert.Equal("eu-west-1", server.Store.PostgresConnectionString!.SecretRegion);
        Assert.Null(server.Store.SqlitePath);
        Assert.Equal("SLACK_SIGNING_SECRET", server.Slack!.SigningSecret.EnvironmentVariable);
        Assert.Equal([SlackSettings.SlackResponseUrlPrefix], server.Slack.ResponseUrlPrefixes);
        Assert.Equal("servicenow", Assert.Single(server.TicketSources).Name);
        Assert.Equal("env:VIEW_TOKEN", Assert.Single(server.Viewers).Token.ToString());
        Assert.Equal(["slack:U0DBA1", "slack:U0DBA2"], server.Groups["dba"]);
        Assert.Equal(2, server.Rules.Count);
        Assert.True(server.Rules[0].RequiresApproval);
        Assert.False(server.Rules[1].RequiresApproval);
        Assert.Equal(22, server.Rules[0].Line);
    }

    [Fact]
    public void Read_NoSection_DefaultsAllowNothing()
    {
        var server = ServerConfigReader.Read(ConfigLoader.Parse("defaults:\n  regions: [eu-west-1]\n"));

        Assert.Same(ServerConfig.Empty, server);
        Assert.Equal(IPAddress.Loopback, server.ListenAddress);
        Assert.Equal(ServerConfig.DefaultPort, server.Port);
        Assert.Empty(server.Rules);
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", 8080)]
    [InlineData("[::1]:8443", "::1", 8443)]
    [InlineData("::", "::", 8080)]
    [InlineData("10.0.0.5:0", "10.0.0.5", 0)]
    public void Read_Listen(string listen, string address, int port)
    {
        var server = ServerConfigReader.Read(ConfigLoader.Parse($"server:\n  listen: \"{listen}\"\n"));

        Assert.Equal(IPAddress.Parse(address), server.ListenAddress);
        Assert.Equal(port, server.Port);
    }

    [Theory]
    [InlineData("  slack:\n    signingSecret: 8f742231b10e8888abcd99yyyzzz85a5\n", 3, "never the secret itself")]
    [InlineData("  viewers:\n    - name: ops\n      token: hunter2hunter2hunter2\n", 4, "never the secret itself")]
    [InlineData("  store:\n    postgres: Host=db;Password=secret\n", 3, "never the secret itself")]
    [InlineData("  store:\n    sqlite: a.db\n    postgres: env:PG\n", 3, "choose one")]
    [InlineData("  slack: {}\n", 2, "slack needs signingSecret")]
    [InlineData("  listen: localhost:80\n", 2, "must be an IP address")]
    [InlineData("  listen: 127.0.0.1:99999\n", 2, "no valid port")]
    [InlineData("  workers: 0\n", 2, "workers must be a whole number from 1 to 64")]
    [InlineData("  lease: 1d\n", 2, "lease must be a duration")]
    [InlineData("  colour: blue\n", 2, "unknown key 'colour' in server")]
    [InlineData("  rules:\n    - runbooks: [x]\n      allow: [slack:U1]\n", 3, "a rule needs runbooks, targets and allow")]
    [InlineData("  rules:\n    - runbooks: [x]\n      targets: [y]\n      allow: [alice]\n", 5, "allow entries are slack:USERID")]
    [InlineData("  rules:\n    - runbooks: [x]\n      targets: [y]\n      allow: [group:nobody]\n", 5, "names group 'nobody', which server.groups does not define")]
    [InlineData("  rules:\n    - runbooks: [x]\n      targets: [y]\n      allow: [ticket:jira]\n", 5, "ticket source 'jira', which server.tickets does not define")]
    [InlineData("  groups:\n    dba: [group:other]\n", 3, "no nested groups")]
    [InlineData("  tickets:\n    - name: a\n      secret: env:A\n    - name: a\n      secret: env:B\n", 5, "'a' is listed twice")]
    [InlineData("  slack:\n    signingSecret: env:S\n    responseUrls: [\"https://hooks.slack.com\"]\n", 4, "ending in '/'")]
    public void Read_Invalid_OneLineWithFileAndLine(string section, int line, string problem)
    {
        var error = Assert.Throws<ConfigException>(() => ServerConfigReader.Read(ConfigLoader.Parse("server:\n" + section, "/etc/ecsops.yaml")));

        Assert.Equal("/etc/ecsops.yaml", error.Path);
        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("env:SLACK_SECRET", true)]
    [InlineData("arn:aws:secretsmanager:us-east-1:111111111111:secret:dev/db-password", true)]
    [InlineData("arn:aws-us-gov:secretsmanager:us-gov-west-1:111111111111:secret:x", true)]
    [InlineData("env:", false)]
    [InlineData("env:1BAD", false)]
    [InlineData("env:A B", false)]
    [InlineData("arn:aws:ssm:us-east-1:111111111111:parameter/x", false)]
    [InlineData("s3cr3t-value", false)]
    public void SecretReference_OnlyReferences(string text, bool valid)
    {
        Assert.Equal(valid, SecretReference.TryParse(text, out var reference));
        if (valid)
        {
            Assert.Equal(text, reference!.ToString());
        }
    }
}
