using EcsOps.Aws.Config.Server;

namespace EcsOps.Server.Security;

/// <summary>The secrets of a server config, resolved once at start (restart the service after rotating one).</summary>
public sealed record ServerSecrets
{
    public string? SlackSigningSecret { get; init; }

    /// <summary>Ticket source name → HMAC key, in config order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> TicketSecrets { get; init; } = [];

    /// <summary>Viewer name → token.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ViewerTokens { get; init; } = [];

    public string? PostgresConnectionString { get; init; }

    /// <summary>Resolves every secret <paramref name="config"/> refers to; the first missing one is the error.</summary>
    public static async Task<ServerSecrets> ResolveAsync(ServerConfig config, SecretResolver resolver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(resolver);
        var tickets = new List<KeyValuePair<string, string>>();
        foreach (var source in config.TicketSources)
        {
            tickets.Add(new(source.Name, await resolver.ResolveAsync(source.Secret, $"server.tickets '{source.Name}' secret", cancellationToken)));
        }

        var viewers = new List<KeyValuePair<string, string>>();
        foreach (var viewer in config.Viewers)
        {
            viewers.Add(new(viewer.Name, await resolver.ResolveAsync(viewer.Token, $"server.viewers '{viewer.Name}' token", cancellationToken)));
        }

        return new ServerSecrets
        {
            SlackSigningSecret = config.Slack is { } slack
                ? await resolver.ResolveAsync(slack.SigningSecret, "server.slack.signingSecret", cancellationToken)
                : null,
            TicketSecrets = tickets,
            ViewerTokens = viewers,
            PostgresConnectionString = config.Store.PostgresConnectionString is { } postgres
                ? await resolver.ResolveAsync(postgres, "server.store.postgres", cancellationToken)
                : null,
        };
    }
}
