using EcsOps.Aws.Ecs.Model;
using EcsOps.Sandbox.SecretsManager;

namespace EcsOps.Sandbox.Containers;

/// <summary>
/// The environment of a container: a clean base (never the sandbox's own, which may hold the operator's AWS keys),
/// what ECS adds on Fargate (region, execution environment, task-role credentials endpoint), the sandbox endpoint,
/// the loopback ports standing in for the container's ports, then the definition's environment, the RunTask
/// override's, and its secrets, later entries winning.
/// </summary>
internal static class ContainerEnvironment
{
    /// <summary>Everything the environment is made of.</summary>
    public sealed record Inputs(
        string AccountId,
        string Region,
        Uri SandboxEndpoint,
        string WorkingDirectory,
        ContainerDefinition Definition,
        ContainerOverride? Override,
        TaskRoleGrant? TaskRole,
        IReadOnlyDictionary<int, int> LoopbackPorts);

    /// <exception cref="ContainerProcessStartException">A secret cannot be resolved.</exception>
    public static Dictionary<string, string> Build(Inputs inputs, SecretStore secrets)
    {
        var endpoint = inputs.SandboxEndpoint.ToString().TrimEnd('/');
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = ExecutableSearch.DefaultPath,
            ["HOME"] = inputs.WorkingDirectory,
            ["AWS_REGION"] = inputs.Region,
            ["AWS_DEFAULT_REGION"] = inputs.Region,
            ["AWS_EXECUTION_ENV"] = "AWS_ECS_FARGATE",
            ["AWS_ENDPOINT_URL"] = endpoint,
        };
        if (inputs.TaskRole is { } role)
        {
            environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = endpoint + role.RelativeUri;
            environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = role.AuthorizationToken;
        }

        var first = true;
        foreach (var (containerPort, loopbackPort) in inputs.LoopbackPorts.OrderBy(p => p.Key))
        {
            if (first)
            {
                environment["PORT"] = Invariant(loopbackPort);
                first = false;
            }

            environment["ECSOPS_PORT_" + Invariant(containerPort)] = Invariant(loopbackPort);
        }

        foreach (var pair in (inputs.Definition.Environment ?? []).Concat(inputs.Override?.Environment ?? []))
        {
            if (!string.IsNullOrEmpty(pair.Name))
            {
                environment[pair.Name] = pair.Value ?? "";
            }
        }

        foreach (var secret in inputs.Definition.Secrets ?? [])
        {
            if (!string.IsNullOrEmpty(secret.Name) && !string.IsNullOrEmpty(secret.ValueFrom))
            {
                environment[secret.Name] = ContainerSecretResolver.Resolve(secrets, inputs.AccountId, inputs.Region, secret.ValueFrom);
            }
        }

        return environment;
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
