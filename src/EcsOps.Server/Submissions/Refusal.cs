namespace EcsOps.Server.Submissions;

/// <summary>Why a request was not acted on, in one line for the caller.</summary>
public sealed record Refusal(RefusalKind Kind, string Message);
