namespace EcsOps.Aws.Iam;

/// <summary>Whose policy: an operator running the CLI, the role <c>ecsops serve</c> runs as, or the tasks' own role.</summary>
public enum IamPolicyKind
{
    Operator,
    Service,
    TaskRole,
}
