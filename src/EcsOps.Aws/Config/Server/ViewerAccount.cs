namespace EcsOps.Aws.Config.Server;

/// <summary>
/// Someone (a person or a ticket system polling run status) allowed to read runs: the web page and <c>GET /runs</c>,
/// with <c>Authorization: Bearer TOKEN</c> or HTTP Basic <c>NAME:TOKEN</c>.
/// </summary>
public sealed record ViewerAccount(string Name, SecretReference Token);
