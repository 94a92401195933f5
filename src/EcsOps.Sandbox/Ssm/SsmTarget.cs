namespace EcsOps.Sandbox.Ssm;

/// <summary>
/// An ECS Exec session target, <c>ecs:&lt;cluster&gt;_&lt;taskId&gt;_&lt;runtimeId&gt;</c>. Cluster names may
/// contain underscores, task ids and runtime ids do not, so the string is split from the right.
/// </summary>
public sealed record SsmTarget(string ClusterName, string TaskId, string RuntimeId)
{
    private const string Prefix = "ecs:";

    public override string ToString() => $"{Prefix}{ClusterName}_{TaskId}_{RuntimeId}";

    public static bool TryParse(string target, out SsmTarget parsed)
    {
        parsed = new SsmTarget("", "", "");
        if (!target.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var body = target[Prefix.Length..];
        var last = body.LastIndexOf('_');
        var middle = last <= 0 ? -1 : body.LastIndexOf('_', last - 1);
        if (middle <= 0 || last == body.Length - 1 || last - middle < 2)
        {
            return false;
        }

        parsed = new SsmTarget(body[..middle], body[(middle + 1)..last], body[(last + 1)..]);
        return true;
    }
}
