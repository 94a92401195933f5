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
    IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>
    /// The container's TCP ports (its task definition's portMappings) and the ports on 127.0.0.1 standing in for
    /// them: every container shares the loopback interface, so port 80 of a container is some free port here, also
    /// in its environment as PORT (the first mapping) and ECSOPS_PORT_&lt;containerPort&gt;. A port-forwarding
    /// session to container port P connects to 127.0.0.1:LoopbackPorts[P] (P itself when unmapped).
    /// </summary>
    public IReadOnlyDictionary<int, int> LoopbackPorts { get; init; } = new Dictionary<int, int>();
}
