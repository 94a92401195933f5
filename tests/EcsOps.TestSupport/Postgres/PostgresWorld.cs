using System.Text;

namespace EcsOps.TestSupport.Postgres;

/// <summary>
/// Writes a sandbox world (YAML) for database tests and benchmarks: account <c>dev</c> (111111111111) in us-east-1
/// with cluster <c>data</c>, one service per <see cref="Service"/> whose container <c>app</c> has the given
/// DATABASE_URL and PATH and logs to <c>/ecs/&lt;service&gt;</c> (so one-off tasks of the service can be followed),
/// and Secrets Manager secrets by name.
/// </summary>
public sealed class PostgresWorld
{
    private readonly List<Service> _services = [];
    private readonly List<(string Name, string Value)> _secrets = [];

    /// <summary>A service and what its container's environment says.</summary>
    /// <param name="Path">The container's PATH (where pg_dump is found, or not).</param>
    public sealed record Service(string Name, string DatabaseUrl, string Path);

    public PostgresWorld AddService(string name, string databaseUrl, string path)
    {
        _services.Add(new Service(name, databaseUrl, path));
        return this;
    }

    /// <summary>A SecretString; written as a single-quoted YAML scalar.</summary>
    public PostgresWorld AddSecret(string name, string value)
    {
        _secrets.Add((name, value));
        return this;
    }

    public string ToYaml()
    {
        var yaml = new StringBuilder(
            """
            regions: [us-east-1]
            accounts:
              - id: "111111111111"
                name: dev
                accessKeyId: AKIASANDBOXDEV000001
                secretAccessKey: sandbox/dev/secret/key/0000000000000000

            """);
        if (_secrets.Count > 0)
        {
            yaml.Append("    secrets:\n");
        }

        foreach (var (name, value) in _secrets)
        {
            yaml.Append(CultureInvariant($"      - {{ name: {name}, region: us-east-1, value: {Quote(value)} }}\n"));
        }

        yaml.Append("    taskDefinitions:\n");
        foreach (var service in _services)
        {
            yaml.Append(CultureInvariant(
                $"""
                      - family: {service.Name}
                        region: us-east-1
                        taskRoleArn: arn:aws:iam::111111111111:role/{service.Name}-task
                        containers:
                          - name: app
                            image: public.ecr.aws/docker/library/postgres:15
                            environment: {'{'} DATABASE_URL: {Quote(service.DatabaseUrl)}, PATH: {Quote(service.Path)} {'}'}
                            logConfiguration:
                              logDriver: awslogs
                              options: {'{'} awslogs-group: /ecs/{service.Name}, awslogs-region: us-east-1, awslogs-stream-prefix: {service.Name} {'}'}

                """));
        }

        yaml.Append(
            """
                clusters:
                  - name: data
                    region: us-east-1
                    services:

            """);
        foreach (var service in _services)
        {
            yaml.Append(CultureInvariant(
                $"          - {{ name: {service.Name}, taskDefinition: \"{service.Name}:1\", enableExecuteCommand: true, networkConfiguration: {{ subnets: [subnet-0data000000000001] }}, tasks: [{{ }}] }}\n"));
        }

        return yaml.ToString();
    }

    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
