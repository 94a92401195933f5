using EcsOps.Sandbox.Containers;
using EcsOps.Sandbox.SecretsManager;
using EcsOps.Sandbox.World;

namespace EcsOps.Sandbox.Tests.Containers;

public class ContainerSecretResolverTests
{
    private const string Account = "111111111111";
    private static readonly SecretStore s_secrets = new(new WorldDefinition
    {
        Regions = ["us-east-1", "eu-west-1"],
        Accounts =
        [
            new AccountDefinition
            {
                Id = Account,
                Secrets =
                [
                    new SecretDefinition { Name = "db/password", Region = "us-east-1", Value = "hunter2" },
                    new SecretDefinition { Name = "db/json", Region = "eu-west-1", Value = "{\"user\":\"app\",\"port\":5432}" },
                ],
            },
        ],
    }, TimeProvider.System);

    [Theory]
    [InlineData("db/password")]
    [InlineData("arn:aws:secretsmanager:us-east-1:111111111111:secret:db/password")]
    public void Resolve_NameOrArnWithoutSuffix_ReturnsTheSecretString(string valueFrom) =>
        Assert.Equal("hunter2", ContainerSecretResolver.Resolve(s_secrets, Account, "us-east-1", valueFrom));

    [Fact]
    public void Resolve_FullArn_ReturnsTheSecretString()
    {
        var arn = s_secrets.Find(Account, "us-east-1", "db/password")!.Arn;

        Assert.Equal("hunter2", ContainerSecretResolver.Resolve(s_secrets, Account, "us-east-1", arn));
    }

    [Theory]
    [InlineData("arn:aws:secretsmanager:eu-west-1:111111111111:secret:db/json:user::", "app")]
    [InlineData("arn:aws:secretsmanager:eu-west-1:111111111111:secret:db/json:port::", "5432")]
    public void Resolve_JsonKeyInAnotherRegion_ReturnsThatKey(string valueFrom, string expected) =>
        Assert.Equal(expected, ContainerSecretResolver.Resolve(s_secrets, Account, "us-east-1", valueFrom));

    [Theory]
    [InlineData("arn:aws:secretsmanager:us-east-1:111111111111:secret:no/such")]
    [InlineData("arn:aws:secretsmanager:eu-west-1:111111111111:secret:db/json:missing::")]
    [InlineData("arn:aws:secretsmanager:us-east-1:111111111111:secret:db/password:key::")]
    [InlineData("arn:aws:ssm:us-east-1:111111111111:parameter/db/password")]
    public void Resolve_Unresolvable_ThrowsResourceInitializationError(string valueFrom)
    {
        var error = Assert.Throws<ContainerProcessStartException>(() => ContainerSecretResolver.Resolve(s_secrets, Account, "us-east-1", valueFrom));

        Assert.StartsWith("ResourceInitializationError: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}
