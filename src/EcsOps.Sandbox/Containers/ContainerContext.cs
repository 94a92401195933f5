namespace EcsOps.Sandbox.Containers;

/// <summary>
/// One running container of a sandbox task: where its processes run (a working directory standing in for
/// the container's filesystem) and the environment its task definition gives it, including task-role
/// credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI) and AWS_ENDPOINT_URL pointing at the sandbox.
/// </summary>
public sealed record ContainerContext(
    string AccountId,
    string Region,
    string ClusterName,
    string TaskArn,
    string TaskId,
    string ContainerName,
    string RuntimeId,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment);
