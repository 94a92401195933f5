namespace EcsOps.Aws.Config.Server;

/// <summary>One system allowed to call <c>POST /hooks/tickets</c>, known by the secret it signs with.</summary>
/// <param name="Name">Used in principals (<c>ticket:NAME</c>, <c>ticket:NAME:USER</c>) and in audit events.</param>
/// <param name="Secret">The HMAC key shared with that system.</param>
public sealed record TicketSource(string Name, SecretReference Secret);
