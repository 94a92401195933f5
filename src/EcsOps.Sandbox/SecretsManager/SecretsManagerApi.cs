using EcsOps.Aws.SecretsManager.Model;
using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.SecretsManager;

/// <summary>Secrets Manager (JSON 1.1, X-Amz-Target <c>secretsmanager.*</c>): GetSecretValue.</summary>
public static class SecretsManagerApi
{
    private const string CurrentStage = "AWSCURRENT";

    public static IEndpointRouteBuilder MapSecretsManagerApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var secrets = routes.ServiceProvider.GetRequiredService<SecretStore>();
        var json = SecretsManagerJsonContext.Default;
        var operations = new JsonOperationTable(AwsService.SecretsManager, json)
            .Add("GetSecretValue", json.GetSecretValueRequest, json.GetSecretValueResponse, (r, aws) => GetSecretValue(secrets, aws, r));
        routes.MapPost("/", operations.Dispatch).WithMetadata(new AwsServiceMetadata(AwsService.SecretsManager)).WithName("secretsmanager");
        return routes;
    }

    internal static GetSecretValueResponse GetSecretValue(SecretStore secrets, AwsRequestContext aws, GetSecretValueRequest request)
    {
        if (string.IsNullOrEmpty(request.SecretId))
        {
            throw new AwsErrorException("InvalidParameterException", "You must provide a SecretId.");
        }

        var secret = secrets.Find(aws.Caller.AccountId, aws.Region, request.SecretId)
            ?? throw new AwsErrorException("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        if (request.VersionStage is not null && request.VersionStage != CurrentStage)
        {
            throw new AwsErrorException("ResourceNotFoundException",
                $"Secrets Manager can't find the specified secret value for staging label: {request.VersionStage}");
        }

        if (request.VersionId is not null && request.VersionId != secret.VersionId)
        {
            throw new AwsErrorException("ResourceNotFoundException",
                $"Secrets Manager can't find the specified secret value for VersionId: {request.VersionId}");
        }

        return new GetSecretValueResponse
        {
            Arn = secret.Arn,
            Name = secret.Name,
            VersionId = secret.VersionId,
            SecretString = secret.Value,
            SecretBinary = secret.Binary,
            VersionStages = [CurrentStage],
            CreatedDate = secret.CreatedDate,
        };
    }
}
