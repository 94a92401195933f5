using EcsOps.Aws.Http;
using EcsOps.Aws.Kms.Model;
using EcsOps.Aws.SecretsManager.Model;
using EcsOps.Aws.Tests.Fixtures;

namespace EcsOps.Aws.Tests.Clients;

[Collection(SandboxCollection.Name)]
public class KmsAndSecretsClientTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task GenerateDataKeyThenDecrypt_WithContext_ReturnsSamePlaintext()
    {
        var kms = sandbox.Factory().CreateKms("us-east-1", SandboxFixture.CredentialsOf(sandbox.Dev));
        var context = new Dictionary<string, string> { ["run"] = "r-1" };

        var key = await kms.GenerateDataKeyAsync(
            new GenerateDataKeyRequest { KeyId = "alias/ecsops", KeySpec = "AES_256", EncryptionContext = context }, CancellationToken.None);
        var decrypted = await kms.DecryptAsync(
            new DecryptRequest { CiphertextBlob = key.CiphertextBlob!, EncryptionContext = context }, CancellationToken.None);

        Assert.Equal(32, key.Plaintext!.Length);
        Assert.Equal(key.Plaintext, decrypted.Plaintext);
    }

    [Fact]
    public async Task Decrypt_WrongContext_ThrowsServiceError()
    {
        var kms = sandbox.Factory().CreateKms("us-east-1", SandboxFixture.CredentialsOf(sandbox.Dev));
        var key = await kms.GenerateDataKeyAsync(
            new GenerateDataKeyRequest { KeyId = "alias/ecsops", NumberOfBytes = 16, EncryptionContext = new Dictionary<string, string> { ["a"] = "1" } },
            CancellationToken.None);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => kms.DecryptAsync(
            new DecryptRequest { CiphertextBlob = key.CiphertextBlob!, EncryptionContext = new Dictionary<string, string> { ["a"] = "2" } },
            CancellationToken.None));

        Assert.Equal("InvalidCiphertextException", error.ErrorCode);
    }

    [Fact]
    public async Task GetSecretValue_DevPassword_ReturnsString()
    {
        var secrets = sandbox.Factory().CreateSecretsManager("us-east-1", SandboxFixture.CredentialsOf(sandbox.Dev));

        var secret = await secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "dev/db-password" }, CancellationToken.None);

        Assert.Equal("correct-horse-battery-staple", secret.SecretString);
        Assert.Contains("AWSCURRENT", secret.VersionStages!);
    }

    [Fact]
    public async Task GetSecretValue_Missing_ThrowsResourceNotFound()
    {
        var secrets = sandbox.Factory().CreateSecretsManager("us-east-1", SandboxFixture.CredentialsOf(sandbox.Dev));

        await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "nope" }, CancellationToken.None));
    }
}
