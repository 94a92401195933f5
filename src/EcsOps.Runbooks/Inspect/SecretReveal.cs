namespace EcsOps.Runbooks.Inspect;

/// <summary>What an audited <c>--reveal</c> is about to show, and where it comes from.</summary>
/// <param name="Target">The container, <c>account/region/cluster/service/container</c>.</param>
/// <param name="TaskArn">Its task.</param>
/// <param name="Variables">Names of variables whose values are shown although they would be masked.</param>
/// <param name="Files">Paths of files shown without masking.</param>
public sealed record SecretReveal(string Target, string TaskArn, IReadOnlyList<string> Variables, IReadOnlyList<string> Files);
