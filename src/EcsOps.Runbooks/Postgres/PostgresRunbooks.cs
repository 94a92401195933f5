using EcsOps.Aws;
using EcsOps.Aws.Artifacts;
using EcsOps.Aws.Audit;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.SecretsManager.Model;
using EcsOps.Aws.Sessions;
using EcsOps.Runbooks.Exec;

namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// The built-in PostgreSQL runbooks wired to one workspace: S3 and Secrets Manager act in the target container's
/// account (its role when it is not the caller's), so the backup bucket and the connection secret are the ones that
/// live beside the database. With an audited run, exec sessions and one-off tasks carry its run id.
/// </summary>
public sealed class PostgresRunbooks(AwsWorkspace workspace, IInterruptSource? interrupts = null, AuditedRun? audit = null)
{
    private readonly SessionStarter _starter = SessionStarter.For(workspace);

    public ContainerCommandExecutor Executor => new(_starter, interrupts, audit);

    /// <summary>An S3 store acting in the container's account and region.</summary>
    public async Task<S3ArtifactStore> OpenStoreAsync(DiscoveredContainer container, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        var credentials = await workspace.CredentialsForAsync(container, cancellationToken);
        return new S3ArtifactStore(workspace.Factory.CreateS3(container.Region, credentials));
    }

    /// <summary>An S3 store with the operator's own credentials in the home region (listing backups needs no target).</summary>
    public S3ArtifactStore OpenOwnStore() => new(workspace.Factory.CreateS3(workspace.HomeRegion, workspace.BaseCredentials));

    /// <summary>
    /// The connection: the container's variable (<see cref="PostgresConnection.DefaultVariable"/> unless named), or
    /// the settings in a Secrets Manager secret, fetched now in the container's account and the secret's region.
    /// </summary>
    /// <exception cref="DatabaseConnectionException">The secret holds no usable connection.</exception>
    public async Task<PostgresConnection> ResolveConnectionAsync(
        DiscoveredContainer container, string? variable, string? secretId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (secretId is null)
        {
            return PostgresConnection.FromContainerVariable(variable ?? PostgresConnection.DefaultVariable);
        }

        var credentials = await workspace.CredentialsForAsync(container, cancellationToken);
        var secrets = workspace.Factory.CreateSecretsManager(SecretRegion(secretId) ?? container.Region, credentials);
        var value = await secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = secretId }, cancellationToken);
        if (value.SecretString is not { Length: > 0 } text)
        {
            throw new DatabaseConnectionException($"the secret {secretId} has no string value (a binary secret cannot hold a connection)");
        }

        try
        {
            return PostgresConnection.FromSettings(secretId, LibpqSettings.Parse(text));
        }
        catch (FormatException error)
        {
            throw new DatabaseConnectionException($"the secret {secretId} holds no usable connection: {error.Message}", error);
        }
    }

    public PostgresBackup Backup(S3ArtifactStore store) =>
        new(Executor, store, workspace.Factory.TimeProvider, new DumpTaskRunner(workspace, interrupts, audit));

    public PostgresRestore Restore(S3ArtifactStore store) => new(Executor, store);

    public static BackupCatalog Catalog(S3ArtifactStore store) => new(store);

    /// <summary>The region of a secret ARN (<c>arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME</c>); null for a name.</summary>
    private static string? SecretRegion(string secretId)
    {
        var parts = secretId.Split(':');
        return parts.Length >= 7 && parts[0] == "arn" && parts[2] == "secretsmanager" && parts[3].Length > 0 ? parts[3] : null;
    }
}
