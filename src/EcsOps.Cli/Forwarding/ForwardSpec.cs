using System.Globalization;

namespace EcsOps.Cli.Forwarding;

/// <summary>
/// One forward as written on the command line, ssh style: <c>PORT</c> (the same port locally),
/// <c>LOCAL:PORT</c>, or <c>LOCAL:HOST:PORT</c> for a host reachable from the container (IPv6 in brackets).
/// A local port of 0 picks a free one.
/// </summary>
/// <param name="LocalPort">Port on 127.0.0.1; 0 for any free port.</param>
/// <param name="RemoteHost">The host the container connects to; null for the container itself.</param>
/// <param name="RemotePort">The port on the container or the remote host.</param>
public sealed record ForwardSpec(int LocalPort, string? RemoteHost, int RemotePort)
{
    /// <exception cref="UserFacingException">Not a forward spec (exit 2).</exception>
    public static ForwardSpec Parse(string text) =>
        TryParse(text, out var spec, out var problem)
            ? spec
            : throw new UserFacingException($"'{text}' is not a forward ({problem}); write PORT, LOCAL:PORT or LOCAL:HOST:PORT", ExitCodes.Usage);

    public static bool TryParse(string? text, out ForwardSpec spec, out string problem)
    {
        spec = null!;
        problem = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "empty";
            return false;
        }

        var first = text.IndexOf(':', StringComparison.Ordinal);
        var last = text.LastIndexOf(':');
        if (first < 0)
        {
            if (!TryPort(text, allowZero: false, out var port, out problem))
            {
                return false;
            }

            spec = new ForwardSpec(port, null, port);
            return true;
        }

        if (!TryPort(text[..first], allowZero: true, out var local, out problem)
            || !TryPort(text[(last + 1)..], allowZero: false, out var remote, out problem))
        {
            return false;
        }

        string? host = null;
        if (first != last)
        {
            host = text[(first + 1)..last];
            if (host.StartsWith('[') && host.EndsWith(']'))
            {
                host = host[1..^1];
            }

            if (host.Length == 0 || host.Any(char.IsWhiteSpace))
            {
                problem = "the host is empty or has spaces";
                return false;
            }
        }

        spec = new ForwardSpec(local, host, remote);
        return true;
    }

    /// <summary>What the forward reaches, for messages: <c>host:port</c> or <c>port</c>.</summary>
    public string RemoteText => RemoteHost is null
        ? RemotePort.ToString(CultureInfo.InvariantCulture)
        : $"{(RemoteHost.Contains(':', StringComparison.Ordinal) ? $"[{RemoteHost}]" : RemoteHost)}:{RemotePort}";

    private static bool TryPort(string text, bool allowZero, out int port, out string problem)
    {
        problem = "";
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535 || (port == 0 && !allowZero))
        {
            problem = $"'{text}' is not a port" + (allowZero ? " (0–65535)" : " (1–65535)");
            return false;
        }

        return true;
    }
}
