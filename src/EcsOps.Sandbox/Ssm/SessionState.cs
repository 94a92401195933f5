namespace EcsOps.Sandbox.Ssm;

/// <summary>Where a Session Manager session stands (the subset of SSM's session statuses the sandbox uses).</summary>
public enum SessionState
{
    /// <summary>Created by StartSession/ExecuteCommand; no client has opened the data channel yet.</summary>
    Connecting,

    /// <summary>A client's data channel is open (set by the message gateway).</summary>
    Connected,

    /// <summary>The data channel dropped; ResumeSession may bring it back.</summary>
    Disconnected,

    /// <summary>Ended by TerminateSession or by the agent; cannot be resumed.</summary>
    Terminated,
}
