namespace EcsOps.Aws.Iam;

/// <summary>One Allow statement of a policy.</summary>
/// <param name="Sid">Says what the statement is for.</param>
/// <param name="Actions">The actions, e.g. <c>ecs:ExecuteCommand</c>.</param>
/// <param name="Resources">ARNs (patterns allowed); <c>*</c> only for actions without resource-level permissions, or with a condition.</param>
/// <param name="Conditions">Operator → condition key → values, e.g. <c>ArnLike → ecs:cluster → [ARN]</c>.</param>
public sealed record IamStatement(
    string Sid,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Resources,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>? Conditions = null)
{
    /// <summary>A condition block with one operator and one key.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Condition(string op, string key, params string[] values) =>
        new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal)
        {
            [op] = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { [key] = values },
        };
}
