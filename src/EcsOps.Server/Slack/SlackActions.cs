namespace EcsOps.Server.Slack;

/// <summary>The <c>action_id</c>s of the approval buttons; the button's value is the run id.</summary>
public static class SlackActions
{
    public const string Approve = "ecsops.approve";
    public const string Deny = "ecsops.deny";
}
