namespace EcsOps.Runbooks;

/// <summary>Whether a second person must approve a run before it starts.</summary>
public enum RunbookApproval
{
    /// <summary>Anyone allowed to run it may run it.</summary>
    None,

    /// <summary>Runs only after someone other than the requester approves it (<c>ecsops serve</c>); the CLI refuses it.</summary>
    Required,
}
