namespace EcsOps.Aws.Organizations.Model;

/// <summary>Organizations <c>Account</c> (named so to stay clear of our own account types).</summary>
public sealed record OrganizationAccount
{
    /// <summary>Twelve digits.</summary>
    public required string Id { get; init; }

    public string? Arn { get; init; }
    public string? Email { get; init; }
    public string? Name { get; init; }

    /// <summary><c>ACTIVE</c>, <c>SUSPENDED</c> or <c>PENDING_CLOSURE</c> (deprecated in favour of <see cref="State"/>).</summary>
    public string? Status { get; init; }

    /// <summary><c>ACTIVE</c>, <c>SUSPENDED</c>, <c>PENDING_ACTIVATION</c>, <c>PENDING_CLOSURE</c> or <c>CLOSED</c>.</summary>
    public string? State { get; init; }

    /// <summary><c>INVITED</c> or <c>CREATED</c>.</summary>
    public string? JoinedMethod { get; init; }

    public DateTimeOffset? JoinedTimestamp { get; init; }

    /// <summary>True when the account can be worked in: <see cref="State"/>, or else <see cref="Status"/>, is ACTIVE.</summary>
    public bool IsActive => (State ?? Status) == "ACTIVE";
}
