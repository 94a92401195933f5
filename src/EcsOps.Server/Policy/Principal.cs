namespace EcsOps.Server.Policy;

/// <summary>
/// Who asks or approves, as policy names them: <c>slack:USERID</c> (Slack user ids are stable; display names are
/// not) or <c>ticket:SOURCE:USER</c> (a user as the ticket system <c>SOURCE</c> vouches for them).
/// </summary>
public readonly record struct Principal
{
    private Principal(string value) => Value = value;

    public string Value { get; }

    public static Principal Slack(string userId) => new("slack:" + Require(userId));

    public static Principal Ticket(string source, string user) => new($"ticket:{Require(source)}:{Require(user)}");

    /// <summary>A principal read back from the job store.</summary>
    public static Principal FromStored(string value) => new(Require(value));

    public override string ToString() => Value;

    private static string Require(string part) =>
        string.IsNullOrWhiteSpace(part) ? throw new ArgumentException("a principal needs a non-empty id", nameof(part)) : part;
}
