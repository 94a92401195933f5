namespace EcsOps.Aws.Sessions;

/// <summary>The AWS-owned Session documents for port forwarding and the parameters they take.</summary>
public static class PortForwardingDocuments
{
    /// <summary>Forwards to a port of the target container itself.</summary>
    public const string ToTarget = "AWS-StartPortForwardingSession";

    /// <summary>Forwards to a host reachable from the target container (a database, another service).</summary>
    public const string ToRemoteHost = "AWS-StartPortForwardingSessionToRemoteHost";

    /// <summary>The document and parameters for forwarding to <paramref name="port"/> on <paramref name="host"/> (or the container when null).</summary>
    /// <param name="localPort">Reported to the agent as localPortNumber; the client binds the listener itself.</param>
    public static (string DocumentName, IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters) For(string? host, int port, int localPort)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var parameters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["portNumber"] = [port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ["localPortNumber"] = [localPort.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        };
        if (string.IsNullOrEmpty(host))
        {
            return (ToTarget, parameters);
        }

        parameters["host"] = [host];
        return (ToRemoteHost, parameters);
    }
}
