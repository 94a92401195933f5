using System.Net;

namespace EcsOps.Aws.Config.Server;

/// <summary>
/// The <c>server</c> section of ecsops.yaml, read by <c>ecsops serve</c>: where it listens, how callers are verified
/// (secrets by reference only), the job store, the workers, and the access policy. See docs/server.md.
/// </summary>
public sealed record ServerConfig
{
    /// <summary>The port when neither the file nor <c>--port</c> names one.</summary>
    public const int DefaultPort = 8080;

    /// <summary>No server section: listens on 127.0.0.1:8080 and allows nothing.</summary>
    public static readonly ServerConfig Empty = new();

    /// <summary>The address to bind; loopback unless configured (put a TLS-terminating proxy in front).</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    public int Port { get; init; } = DefaultPort;

    /// <summary>The address people reach the service at, for links in Slack messages; none when null.</summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>How many jobs one replica runs at once.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>How long a running job's claim lasts without renewal before another replica may recover it.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an idle worker looks for queued jobs (jobs submitted to this replica start at once).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>On shutdown, how long running jobs may go on before they are stopped (and marked interrupted).</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a run may wait for approval before it expires.</summary>
    public TimeSpan ApprovalTimeout { get; init; } = TimeSpan.FromHours(24);

    public JobStoreSettings Store { get; init; } = new();

    /// <summary>Slack; the Slack endpoints refuse everything when null.</summary>
    public SlackSettings? Slack { get; init; }

    /// <summary>Systems that may call the ticket webhook.</summary>
    public IReadOnlyList<TicketSource> TicketSources { get; init; } = [];

    /// <summary>Who may read runs (web page, <c>GET /runs</c>).</summary>
    public IReadOnlyList<ViewerAccount> Viewers { get; init; } = [];

    /// <summary>Named sets of principal patterns, used as <c>group:NAME</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Groups { get; init; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>The access policy, first match wins; empty allows nothing.</summary>
    public IReadOnlyList<AccessRule> Rules { get; init; } = [];
}
