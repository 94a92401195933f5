using System.CommandLine;
using EcsOps.Aws.Discovery;
using EcsOps.Runbooks.Postgres;

namespace EcsOps.Cli.Database;

/// <summary>
/// <c>--database-url-env NAME</c> or <c>--secret ARN</c>: where a backup or restore takes its connection from. Only
/// names travel on our command line, never a password.
/// </summary>
public sealed class DatabaseConnectionOptions
{
    public Option<string?> Variable { get; } = new("--database-url-env")
    {
        Description = $"The container's environment variable holding the connection URL (default {PostgresConnection.DefaultVariable})",
        HelpName = "NAME",
    };

    public Option<string?> Secret { get; } = new("--secret")
    {
        Description = "A Secrets Manager secret (ARN or name) with a postgresql:// URL or RDS-style JSON; its value reaches the container on stdin",
        HelpName = "ARN",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Variable);
        command.Options.Add(Secret);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Variable) is not null && result.GetValue(Secret) is not null)
            {
                result.AddError("--database-url-env and --secret cannot be used together: pick one source for the connection");
            }
        });
    }

    /// <summary>Where the connection comes from, for the audit trail: names only.</summary>
    public string Describe(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(Secret) is { } secret
            ? $"secret {secret}"
            : $"${parse.GetValue(Variable) ?? PostgresConnection.DefaultVariable} in the container";
    }

    public async Task<PostgresConnection> ResolveAsync(
        ParseResult parse, PostgresRunbooks runbooks, DiscoveredContainer container, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(runbooks);
        try
        {
            return await runbooks.ResolveConnectionAsync(container, parse.GetValue(Variable), parse.GetValue(Secret), cancellationToken);
        }
        catch (ArgumentException error)
        {
            throw new UserFacingException($"--database-url-env: {error.Message}", ExitCodes.Usage, error);
        }
    }
}
