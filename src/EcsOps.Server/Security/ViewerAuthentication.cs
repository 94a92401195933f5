using System.Security.Cryptography;
using System.Text;

namespace EcsOps.Server.Security;

/// <summary>
/// Who may read runs (the page, <c>GET /runs…</c>, <c>GET /audit</c>): <c>Authorization: Bearer TOKEN</c> for
/// programs, or HTTP Basic with the viewer's name and token for browsers (which ask for it on the 401). Tokens are
/// compared in constant time over their SHA-256, so neither content nor length leaks through timing.
/// </summary>
public sealed class ViewerAuthentication(ServerSecrets secrets)
{
    /// <summary>The challenge sent with 401, so a browser asks for name and token.</summary>
    public const string Challenge = "Basic realm=\"ecsops\", charset=\"UTF-8\"";

    private readonly List<(string Name, byte[] TokenHash)> _viewers =
        [.. secrets.ViewerTokens.Select(v => (v.Key, SHA256.HashData(Encoding.UTF8.GetBytes(v.Value))))];

    /// <summary>The viewer's name, or null when the request carries no valid credentials.</summary>
    public string? Authenticate(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Find(name: null, header["Bearer ".Length..].Trim());
        }

        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            }
            catch (FormatException)
            {
                return null;
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 ? Find(decoded[..colon], decoded[(colon + 1)..]) : null;
        }

        return null;
    }

    private string? Find(string? name, string token)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        string? match = null;

        // Every viewer is compared, so the time taken does not tell which (or whether one) matched.
        foreach (var viewer in _viewers)
        {
            if (CryptographicOperations.FixedTimeEquals(viewer.TokenHash, hash) && (name is null || name == viewer.Name))
            {
                match ??= viewer.Name;
            }
        }

        return match;
    }
}
