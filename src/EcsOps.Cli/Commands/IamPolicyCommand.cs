using System.CommandLine;
using EcsOps.Aws.Iam;
using EcsOps.Cli.Hosting;

namespace EcsOps.Cli.Commands;

/// <summary>
/// <c>ecsops iam policy operator|service|task-role [--cluster ARN]... [--runbook NAME]... [--kms-key ARN]...
/// [--backups s3://bucket/prefix/] [--exec-log-group NAME] [--db-secret ARN|NAME]... [--db-secret-key ARN]...</c>: prints the least-privilege policy JSON for an
/// operator, for the role of <c>ecsops serve</c>, or for the tasks' own role, scoped by ecsops.yaml and the options.
/// </summary>
public static class IamPolicyCommand
{
    private static readonly Dictionary<string, IamPolicyKind> s_kinds = new(StringComparer.Ordinal)
    {
        ["operator"] = IamPolicyKind.Operator,
        ["service"] = IamPolicyKind.Service,
        ["task-role"] = IamPolicyKind.TaskRole,
    };

    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var kind = new Argument<string>("for") { Description = "operator (people using the CLI), service (ecsops serve) or task-role (the tasks' role)" };
        kind.AcceptOnlyFromAmong([.. s_kinds.Keys]);
        var clusters = new Option<string[]>("--cluster")
        {
            Description = "Cluster ARN to allow (repeatable; ARN patterns with * allowed); every listed account and region when absent",
            AllowMultipleArgumentsPerToken = true,
        };
        var runbooks = new Option<string[]>("--runbook") { Description = "Also allow what this runbook needs (repeatable)", AllowMultipleArgumentsPerToken = true };
        var kmsKeys = new Option<string[]>("--kms-key") { Description = "ARN of the KMS key that encrypts exec sessions (repeatable)", AllowMultipleArgumentsPerToken = true };
        var backups = new Option<string?>("--backups") { Description = "Where runbooks keep backups, s3://bucket/prefix/" };
        var execLogGroup = new Option<string?>("--exec-log-group") { Description = "task-role: the log group ECS Exec writes session logs to" };
        var dbSecrets = new Option<string[]>("--db-secret")
        {
            Description = "A secret (ARN, or a name in each scoped account and region) that db backup/restore --secret reads (repeatable)",
            AllowMultipleArgumentsPerToken = true,
        };
        var dbSecretKeys = new Option<string[]>("--db-secret-key")
        {
            Description = "ARN of the customer managed KMS key that encrypts a --db-secret (repeatable)",
            AllowMultipleArgumentsPerToken = true,
        };
        var policy = new EcsOpsCommand("policy", "Print a least-privilege IAM policy (JSON) for EcsOps")
        {
            kind, clusters, runbooks, kmsKeys, backups, execLogGroup, dbSecrets, dbSecretKeys,
        };
        policy.SetAction(parse =>
        {
            var config = WorkspaceFactory.LoadConfig(parse, context);
            var needs = (parse.GetValue(runbooks) ?? []).Select(name => RunbookPermissions.Of(config, name)).ToList();
            var backupLocation = parse.GetValue(backups);
            if (backupLocation is null && needs.FirstOrDefault(n => n.UsesBackups) is { } needsBackups)
            {
                throw new UserFacingException($"runbook {needsBackups.Name} keeps backups in S3: say where with --backups s3://bucket/prefix/", ExitCodes.Usage);
            }

            var secrets = parse.GetValue(dbSecrets) ?? [];
            var secretKeys = parse.GetValue(dbSecretKeys) ?? [];
            if ((secrets.Length > 0 || secretKeys.Length > 0)
                && (parse.GetValue(kind) == "task-role" || !needs.Any(n => RunbookPermissions.BuiltIn.ContainsKey(n.Name))))
            {
                throw new UserFacingException(
                    "--db-secret and --db-secret-key are for the operator or service policy with --runbook db-backup or db-restore (a task backup cannot use --secret)",
                    ExitCodes.Usage);
            }

            if (secretKeys.Length > 0 && secrets.Length == 0)
            {
                throw new UserFacingException("--db-secret-key needs the secrets it encrypts: name them with --db-secret", ExitCodes.Usage);
            }

            IamPolicyRequest request;
            try
            {
                request = IamPolicyRequest.FromConfig(
                    config, s_kinds[parse.GetValue(kind)!], parse.GetValue(clusters) ?? [], parse.GetValue(kmsKeys) ?? [], needs, backupLocation, parse.GetValue(execLogGroup))
                    with { DatabaseSecrets = secrets, DatabaseSecretKeys = secretKeys };
            }
            catch (FormatException error)
            {
                throw new UserFacingException(error.Message, ExitCodes.Usage, error);
            }

            context.Console.Profile.Out.Writer.WriteLine(IamPolicyBuilder.Build(request).ToJson());
            return ExitCodes.Ok;
        });
        return policy;
    }
}
