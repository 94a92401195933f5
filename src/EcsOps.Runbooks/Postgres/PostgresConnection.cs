namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// Where the database connection of a backup or restore comes from. Either way the password never appears in the
/// ExecuteCommand request (so neither in CloudTrail nor in audit events) nor on ecsops's own command line.
/// </summary>
public abstract record PostgresConnection
{
    /// <summary>The variable most images keep their connection URL in.</summary>
    public const string DefaultVariable = "DATABASE_URL";

    private PostgresConnection()
    {
    }

    /// <summary>A connection URL in one of the container's own environment variables, expanded by the shell in the container.</summary>
    /// <exception cref="ArgumentException">Not a shell variable name.</exception>
    public static PostgresConnection FromContainerVariable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || char.IsAsciiDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"'{name}' is not an environment variable name (letters, digits and '_', not starting with a digit)", nameof(name));
        }

        return new ContainerVariable(name);
    }

    /// <summary>libpq settings we fetched from Secrets Manager; they travel on the command's stdin, never in argv.</summary>
    public static PostgresConnection FromSettings(string secretId, LibpqSettings settings) => new Secret(secretId, settings);

    /// <summary>What the plan and audit say about the connection (never a value).</summary>
    public abstract string Describe();

    /// <summary>What the remote script reads from stdin before anything else (see <see cref="PostgresScripts"/>).</summary>
    public abstract byte[] StdinPreamble();

    /// <summary>The connection URL is in <see cref="Name"/> in the container's environment.</summary>
    public sealed record ContainerVariable(string Name) : PostgresConnection
    {
        public override string Describe() => $"${Name} in the container";

        public override byte[] StdinPreamble() => "\n"u8.ToArray();
    }

    /// <summary>Settings from the Secrets Manager secret <see cref="SecretId"/>.</summary>
    public sealed record Secret(string SecretId, LibpqSettings Settings) : PostgresConnection
    {
        public override string Describe() => $"secret {SecretId}";

        public override byte[] StdinPreamble() => Settings.ToPreamble();

        // Records print their members; this one must never print the settings.
        public override string ToString() => Describe();
    }
}
