using EcsOps.Aws.Kms;
using EcsOps.Aws.Kms.Model;
using EcsOps.Aws.Tests.Fixtures;
using EcsOps.Protocol.Encryption;

namespace EcsOps.Aws.Tests.Clients;

[Collection(SandboxCollection.Name)]
public class KmsDataKeyGeneratorTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task GenerateDataKey_SessionContext_KeyTheAgentSideCanDecrypt()
    {
        var credentials = SandboxFixture.CredentialsOf(sandbox.Dev);
        var regions = new List<string>();
        var generator = new KmsDataKeyGenerator(region =>
        {
            regions.Add(region);
            return sandbox.Factory().CreateKms(region, credentials);
        }, "us-east-1");
        var context = KmsEncryptionContext.Create("s-1", "ecs:c_t_r");

        var key = await generator.GenerateDataKeyAsync("alias/ecsops", context, SessionCipher.DataKeyLength, CancellationToken.None);
        var decrypted = await sandbox.Factory().CreateKms("us-east-1", credentials)
            .DecryptAsync(new DecryptRequest { CiphertextBlob = key.CiphertextBlob, EncryptionContext = context }, CancellationToken.None);

        Assert.Equal(SessionCipher.DataKeyLength, key.Plaintext.Length);
        Assert.Equal(key.Plaintext, decrypted.Plaintext);
        Assert.Equal(["us-east-1"], regions);
    }

    [Theory]
    [InlineData("arn:aws:kms:eu-west-1:222222222222:key/0a1b2c3d-2222-4a5b-8c9d-000000000002", "eu-west-1")]
    [InlineData("arn:aws:kms:us-east-1:111111111111:alias/ecsops", "us-east-1")]
    [InlineData("alias/ecsops", null)]
    [InlineData("0a1b2c3d-1111-4a5b-8c9d-000000000001", null)]
    public void RegionOf_KeyArn_IsItsRegion(string keyId, string? region) =>
        Assert.Equal(region, KmsDataKeyGenerator.RegionOf(keyId));
}
