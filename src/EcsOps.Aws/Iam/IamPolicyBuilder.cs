namespace EcsOps.Aws.Iam;

/// <summary>
/// Least-privilege policies for EcsOps. Each statement is scoped to the clusters, groups, buckets and roles the
/// request names; <c>"Resource": "*"</c> appears only for actions that have no resource-level permissions
/// (<see cref="UnscopableActions"/>) or together with a condition that scopes them.
/// </summary>
public static class IamPolicyBuilder
{
    /// <summary>Actions IAM only allows on <c>*</c>.</summary>
    public static readonly IReadOnlySet<string> UnscopableActions = new HashSet<string>(StringComparer.Ordinal)
    {
        "ecs:ListClusters", "ecs:DescribeTaskDefinition", "organizations:ListAccounts",
        "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel",
        "ec2:DescribeSubnets", "ec2:DescribeRouteTables", "ec2:DescribeVpcEndpoints",
    };

    public static IamPolicyDocument Build(IamPolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var statements = request.Kind switch
        {
            IamPolicyKind.Operator => Operator(request),
            IamPolicyKind.Service => Service(request),
            _ => TaskRole(request),
        };
        return new IamPolicyDocument(statements.ToList());
    }

    private static IEnumerable<IamStatement> Operator(IamPolicyRequest request)
    {
        foreach (var statement in Reach(request))
        {
            yield return statement;
        }

        // ecsops forward: SSM sessions on ECS targets with the port forwarding documents only.
        yield return new IamStatement(
            "PortForwarding",
            ["ssm:StartSession"],
            [.. Tasks(request), .. Regions(request).SelectMany(region => new[]
            {
                $"arn:{request.Partition}:ssm:{region}::document/AWS-StartPortForwardingSession",
                $"arn:{request.Partition}:ssm:{region}::document/AWS-StartPortForwardingSessionToRemoteHost",
            })],
            IamStatement.Condition("BoolIfExists", "ssm:SessionDocumentAccessCheck", "true"));

        // ecsops doctor: the network path from a task's subnet to ssmmessages (these reads have no resource-level permissions).
        yield return new IamStatement("DoctorNetworkReads", ["ec2:DescribeSubnets", "ec2:DescribeRouteTables", "ec2:DescribeVpcEndpoints"], ["*"]);
        if (request.Transcripts is { } transcripts)
        {
            yield return new IamStatement("WriteAndReplayTranscripts", ["s3:PutObject", "s3:GetObject"], [$"arn:{request.Partition}:s3:::{transcripts.Bucket}/{transcripts.Prefix}*"]);
            yield return new IamStatement(
                "ListTranscripts", ["s3:ListBucket"], [$"arn:{request.Partition}:s3:::{transcripts.Bucket}"],
                IamStatement.Condition("StringLike", "s3:prefix", $"{transcripts.Prefix}*"));
            if (request.TranscriptsKmsKey is { } key)
            {
                // An alias cannot be a key policy resource; the key is matched by its alias instead.
                var alias = key.Contains("alias/", StringComparison.Ordinal) ? key[key.IndexOf("alias/", StringComparison.Ordinal)..] : null;
                yield return alias is null
                    ? new IamStatement("TranscriptsEncryption", ["kms:GenerateDataKey", "kms:Decrypt"], [KeyArn(request, key)])
                    : new IamStatement(
                        "TranscriptsEncryption", ["kms:GenerateDataKey", "kms:Decrypt"], [$"arn:{request.Partition}:kms:*:*:key/*"],
                        IamStatement.Condition("ForAnyValue:StringEquals", "kms:ResourceAliases", alias));
            }
        }

        foreach (var statement in Runbooks(request))
        {
            yield return statement;
        }
    }

    private static IEnumerable<IamStatement> Service(IamPolicyRequest request) => Reach(request).Concat(Runbooks(request));

    /// <summary>What both the operator and the service need: find containers, exec into them, audit, reach accounts.</summary>
    private static IEnumerable<IamStatement> Reach(IamPolicyRequest request)
    {
        var clusterArns = request.Clusters.Select(c => c.ClusterArn).Distinct().ToList();
        var clusterCondition = request.Clusters.Any(c => c.IsPattern) ? "ArnLike" : "ArnEquals";
        yield return new IamStatement("DiscoverClusters", ["ecs:ListClusters", "ecs:DescribeTaskDefinition"], ["*"]);
        yield return new IamStatement(
            "ListInScopedClusters", ["ecs:ListServices", "ecs:ListTasks"], ["*"],
            IamStatement.Condition(clusterCondition, "ecs:cluster", [.. clusterArns]));
        yield return new IamStatement(
            "DescribeScopedClusters", ["ecs:DescribeClusters", "ecs:DescribeServices", "ecs:DescribeTasks"],
            [.. clusterArns, .. request.Clusters.Select(c => c.ServiceArns).Distinct(), .. Tasks(request)]);
        yield return new IamStatement("ExecIntoScopedTasks", ["ecs:ExecuteCommand"], [.. clusterArns, .. Tasks(request)]);

        // Session ids start with the caller's name (user id for roles and federation, user name for IAM users; the
        // variable a caller lacks matches nothing), so nobody else's session can be ended or resumed.
        yield return new IamStatement(
            "OwnSessionsOnly",
            ["ssm:TerminateSession", "ssm:ResumeSession"],
            [$"arn:{request.Partition}:ssm:*:*:session/${{aws:userid}}-*", $"arn:{request.Partition}:ssm:*:*:session/${{aws:username}}-*"]);
        yield return new IamStatement(
            "EncryptSessions", ["kms:GenerateDataKey"], SessionKeys(request),
            request.SessionKmsKeys.Count > 0 ? null : IamStatement.Condition("ForAnyValue:StringEquals", "kms:EncryptionContextKeys", "aws:ssm:SessionId"));
        if (request.AuditLogGroupArn is { } group)
        {
            yield return new IamStatement("AuditGroup", ["logs:CreateLogGroup", "logs:FilterLogEvents", "logs:DescribeLogStreams"], [group, group + ":*"]);
            yield return new IamStatement("AuditEvents", ["logs:CreateLogStream", "logs:PutLogEvents"], [group + ":log-stream:*"]);
        }

        if (request.AssumedRoles.Count > 0)
        {
            yield return new IamStatement("AssumeAccountRoles", ["sts:AssumeRole"], request.AssumedRoles);
        }

        if (request.ListsOrganizationAccounts)
        {
            yield return new IamStatement("ListOrganizationAccounts", ["organizations:ListAccounts"], ["*"]);
        }
    }

    private static IEnumerable<IamStatement> Runbooks(IamPolicyRequest request)
    {
        if (request.Runbooks.Any(r => r.RunsTasks))
        {
            var clusterArns = request.Clusters.Select(c => c.ClusterArn).Distinct().ToList();
            yield return new IamStatement(
                "RunbookTasks", ["ecs:RunTask"], [.. request.Clusters.Select(c => c.TaskDefinitionArns).Distinct()],
                IamStatement.Condition(request.Clusters.Any(c => c.IsPattern) ? "ArnLike" : "ArnEquals", "ecs:cluster", [.. clusterArns]));
            yield return new IamStatement("StopRunbookTasks", ["ecs:StopTask"], Tasks(request));
            yield return new IamStatement(
                "TagRunbookTasks", ["ecs:TagResource"], Tasks(request), IamStatement.Condition("StringEquals", "ecs:CreateAction", "RunTask"));
            yield return new IamStatement(
                "PassTaskRoles", ["iam:PassRole"], [.. Accounts(request).Select(a => $"arn:{request.Partition}:iam::{a}:role/*").Distinct()],
                IamStatement.Condition("StringEquals", "iam:PassedToService", "ecs-tasks.amazonaws.com"));
            yield return new IamStatement(
                "ReadRunbookTaskLogs", ["logs:GetLogEvents", "logs:FilterLogEvents"],
                [.. request.Clusters.Select(c => $"arn:{request.Partition}:logs:{c.Region}:{c.Account}:log-group:*").Distinct()]);
        }

        if (request.Runbooks.Any(r => r.UsesBackups) && request.Backups is { } backups)
        {
            foreach (var statement in BackupStatements(request, backups))
            {
                yield return statement;
            }
        }

        if (request.DatabaseSecrets.Count > 0)
        {
            // db backup/restore --secret: GetSecretValue with the target account's credentials. Only the operator's
            // side reads it (it reaches the container on stdin); a task backup cannot take --secret.
            yield return new IamStatement("ReadDatabaseSecrets", ["secretsmanager:GetSecretValue"], DatabaseSecretArns(request));
            if (request.DatabaseSecretKeys.Count > 0)
            {
                yield return new IamStatement(
                    "DecryptDatabaseSecrets", ["kms:Decrypt"], [.. request.DatabaseSecretKeys.Select(key => KeyArn(request, key))],
                    IamStatement.Condition("StringLike", "kms:ViaService", "secretsmanager.*.amazonaws.com"));
            }
        }
    }

    /// <summary>ARNs as given; a name in each scoped account and region, with the six characters Secrets Manager appends.</summary>
    private static string[] DatabaseSecretArns(IamPolicyRequest request) =>
    [
        .. request.DatabaseSecrets.SelectMany(secret => secret.StartsWith("arn:", StringComparison.Ordinal)
            ? [secret]
            : request.Clusters.Select(c => $"arn:{request.Partition}:secretsmanager:{c.Region}:{c.Account}:secret:{secret}-??????")).Distinct(),
    ];

    private static IEnumerable<IamStatement> TaskRole(IamPolicyRequest request)
    {
        yield return new IamStatement(
            "SessionManagerChannels",
            ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
            ["*"]);
        yield return new IamStatement(
            "DecryptSessions", ["kms:Decrypt"], SessionKeys(request),
            request.SessionKmsKeys.Count > 0 ? null : IamStatement.Condition("ForAnyValue:StringEquals", "kms:EncryptionContextKeys", "aws:ssm:SessionId"));
        if (request.ExecLogGroup is { } execLogs)
        {
            var groups = request.Clusters.Select(c => $"arn:{request.Partition}:logs:{c.Region}:{c.Account}:log-group:{execLogs}").Distinct().ToList();
            yield return new IamStatement(
                "FindExecLogGroup", ["logs:DescribeLogGroups"],
                [.. request.Clusters.Select(c => $"arn:{request.Partition}:logs:{c.Region}:{c.Account}:log-group:*").Distinct()]);
            yield return new IamStatement("WriteExecLogs", ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"], [.. groups.Select(g => g + ":*")]);
        }

        if (request.Runbooks.Any(r => r.UsesBackups) && request.Backups is { } backups)
        {
            foreach (var statement in BackupStatements(request, backups))
            {
                yield return statement;
            }
        }
    }

    private static IEnumerable<IamStatement> BackupStatements(IamPolicyRequest request, (string Bucket, string Prefix) backups)
    {
        // AbortMultipartUpload: a dump that fails mid-way leaves no stored parts. DeleteObject: a dump whose manifest cannot
        // be written, or that a task uploaded before pg_dump failed, is removed rather than left unverifiable.
        yield return new IamStatement(
            "ReadWriteBackups", ["s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload", "s3:DeleteObject"],
            [$"arn:{request.Partition}:s3:::{backups.Bucket}/{backups.Prefix}*"]);
        yield return new IamStatement(
            "ListBackups", ["s3:ListBucket"], [$"arn:{request.Partition}:s3:::{backups.Bucket}"],
            IamStatement.Condition("StringLike", "s3:prefix", $"{backups.Prefix}*"));
    }

    private static string[] Tasks(IamPolicyRequest request) => [.. request.Clusters.Select(c => c.TaskArns).Distinct()];

    private static IEnumerable<string> Regions(IamPolicyRequest request) => request.Clusters.Select(c => c.Region).Distinct();

    private static IEnumerable<string> Accounts(IamPolicyRequest request) => request.Clusters.Select(c => c.Account).Distinct();

    private static string[] SessionKeys(IamPolicyRequest request) => request.SessionKmsKeys.Count > 0
        ? [.. request.SessionKmsKeys]
        : [.. request.Clusters.Select(c => $"arn:{request.Partition}:kms:{c.Region}:{c.Account}:key/*").Distinct()];

    private static string KeyArn(IamPolicyRequest request, string key) =>
        key.StartsWith("arn:", StringComparison.Ordinal) ? key : $"arn:{request.Partition}:kms:*:*:key/{key}";
}
