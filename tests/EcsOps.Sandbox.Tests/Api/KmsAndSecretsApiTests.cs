using EcsOps.Sandbox.Tests.Support;

namespace EcsOps.Sandbox.Tests.Api;

[Collection(SandboxCollection.Name)]
public class KmsAndSecretsApiTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task GenerateDataKey_ThenDecryptWithSameContext_ReturnsSamePlaintext()
    {
        using var kms = sandbox.Raw();

        var generated = await kms.JsonOkAsync("kms", "GenerateDataKey",
            """{"KeyId":"alias/ecsops","KeySpec":"AES_256","EncryptionContext":{"run":"r-1","purpose":"transcript"}}""");
        var ciphertext = generated.GetProperty("CiphertextBlob").GetString();
        var decrypted = await kms.JsonOkAsync("kms", "Decrypt",
            $$$"""{"CiphertextBlob":"{{{ciphertext}}}","EncryptionContext":{"purpose":"transcript","run":"r-1"}}""");

        Assert.Equal(32, Convert.FromBase64String(generated.GetProperty("Plaintext").GetString()!).Length);
        Assert.Equal(generated.GetProperty("Plaintext").GetString(), decrypted.GetProperty("Plaintext").GetString());
        Assert.Equal("arn:aws:kms:us-east-1:111111111111:key/0a1b2c3d-1111-4a5b-8c9d-000000000001", decrypted.GetProperty("KeyId").GetString());
    }

    [Fact]
    public async Task Decrypt_DifferentEncryptionContext_FailsWithInvalidCiphertext()
    {
        using var kms = sandbox.Raw();
        var generated = await kms.JsonOkAsync("kms", "GenerateDataKey",
            """{"KeyId":"0a1b2c3d-1111-4a5b-8c9d-000000000001","NumberOfBytes":16,"EncryptionContext":{"run":"r-1"}}""");

        var (_, error) = await kms.JsonErrorAsync("kms", "Decrypt",
            $$$"""{"CiphertextBlob":"{{{generated.GetProperty("CiphertextBlob").GetString()}}}","EncryptionContext":{"run":"r-2"}}""");

        Assert.Equal("InvalidCiphertextException", error.Code);
    }

    [Fact]
    public async Task Decrypt_CiphertextOfAnotherAccount_FailsWithAccessDenied()
    {
        using var devKms = sandbox.Raw();
        using var prodKms = sandbox.Raw(sandbox.Prod);
        var generated = await devKms.JsonOkAsync("kms", "GenerateDataKey", """{"KeyId":"alias/ecsops","KeySpec":"AES_128"}""");

        var (_, error) = await prodKms.JsonErrorAsync("kms", "Decrypt", $$"""{"CiphertextBlob":"{{generated.GetProperty("CiphertextBlob").GetString()}}"}""");

        Assert.Equal("AccessDeniedException", error.Code);
    }

    [Theory]
    [InlineData("""{"KeyId":"alias/ecsops","KeySpec":"AES_256","NumberOfBytes":32}""", "ValidationException")]
    [InlineData("""{"KeyId":"alias/ecsops"}""", "ValidationException")]
    [InlineData("""{"KeyId":"alias/ecsops","NumberOfBytes":2048}""", "ValidationException")]
    [InlineData("""{"KeyId":"alias/missing","KeySpec":"AES_256"}""", "NotFoundException")]
    public async Task GenerateDataKey_BadArguments_FailWithKmsError(string json, string code)
    {
        using var kms = sandbox.Raw();

        var (_, error) = await kms.JsonErrorAsync("kms", "GenerateDataKey", json);

        Assert.Equal(code, error.Code);
    }

    [Theory]
    [InlineData("dev/db-password")]
    [InlineData("arn:aws:secretsmanager:us-east-1:111111111111:secret:dev/db-password")]
    public async Task GetSecretValue_ByNameOrPartialArn_ReturnsCurrentValue(string secretId)
    {
        using var secrets = sandbox.Raw();

        var secret = await secrets.JsonOkAsync("secretsmanager", "GetSecretValue", $$"""{"SecretId":"{{secretId}}"}""");

        Assert.Equal("correct-horse-battery-staple", secret.GetProperty("SecretString").GetString());
        Assert.Matches("^arn:aws:secretsmanager:us-east-1:111111111111:secret:dev/db-password-[A-Za-z]{6}$", secret.GetProperty("ARN").GetString());
        Assert.Equal(["AWSCURRENT"], secret.GetProperty("VersionStages").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task GetSecretValue_SecretOfAnotherAccount_FailsWithResourceNotFound()
    {
        using var secrets = sandbox.Raw(sandbox.Prod);

        var (_, error) = await secrets.JsonErrorAsync("secretsmanager", "GetSecretValue", """{"SecretId":"dev/db-password"}""");

        Assert.Equal("ResourceNotFoundException", error.Code);
    }
}
