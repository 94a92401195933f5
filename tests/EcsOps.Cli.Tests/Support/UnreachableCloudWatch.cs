using System.Net;
using System.Net.Sockets;

namespace EcsOps.Cli.Tests.Support;

/// <summary>
/// An audit trail whose only sink cannot store anything: CloudWatch Logs pointed at a closed local port, one attempt.
/// Pass <see cref="Section"/> to <see cref="AuditSetup.With"/> and <see cref="Environment"/> to the ecsops process.
/// </summary>
public static class UnreachableCloudWatch
{
    /// <summary>The <c>audit:</c> section: no file, CloudWatch only.</summary>
    public const string Section = "audit:\n  file: false\n  cloudwatch:\n    logGroup: /ecsops/audit\n";

    /// <summary>Extra environment sending CloudWatch Logs calls to a port nothing listens on.</summary>
    public static Dictionary<string, string> Environment() => At(ClosedPort());

    /// <summary>Extra environment sending CloudWatch Logs calls to <paramref name="endpoint"/>.</summary>
    public static Dictionary<string, string> At(Uri endpoint) => new()
    {
        ["AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"] = endpoint.ToString().TrimEnd('/'),
        ["AWS_MAX_ATTEMPTS"] = "1",
    };

    private static Uri ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
