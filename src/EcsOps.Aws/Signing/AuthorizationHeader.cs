namespace EcsOps.Aws.Signing;

/// <summary>
/// The <c>Authorization</c> header of a SigV4 request:
/// <c>AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/ecs/aws4_request, SignedHeaders=host;x-amz-date, Signature=…</c>.
/// </summary>
public sealed record AuthorizationHeader(string AccessKeyId, CredentialScope Scope, IReadOnlyList<string> SignedHeaders, string Signature)
{
    /// <summary>The header value, with a space after each comma as the AWS SDKs write it.</summary>
    public override string ToString() =>
        $"{SigV4Names.Algorithm} Credential={AccessKeyId}/{Scope}, SignedHeaders={string.Join(';', SignedHeaders)}, Signature={Signature}";

    /// <summary>
    /// Parses a header value; tolerant of whitespace after commas, strict about the algorithm and the three
    /// elements. <paramref name="problem"/> says what is wrong in the words AWS uses.
    /// </summary>
    public static bool TryParse(string value, out AuthorizationHeader header, out string problem)
    {
        header = new AuthorizationHeader("", new CredentialScope("", "", ""), [], "");
        var trimmed = value.Trim();
        if (!trimmed.StartsWith(SigV4Names.Algorithm + " ", StringComparison.Ordinal))
        {
            problem = $"Authorization header is not {SigV4Names.Algorithm} (only Signature Version 4 is supported).";
            return false;
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var element in trimmed[(SigV4Names.Algorithm.Length + 1)..].Split(','))
        {
            var part = element.Trim();
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problem = $"Authorization header element '{part}' is not of the form key=value.";
                return false;
            }

            var name = part[..equals];
            var content = part[(equals + 1)..];
            switch (name)
            {
                case "Credential": credential = content; break;
                case "SignedHeaders": signedHeaders = content; break;
                case "Signature": signature = content; break;
                default: break;
            }
        }

        var missing = new List<string>();
        if (credential is null) { missing.Add("Authorization header requires 'Credential' parameter."); }
        if (signedHeaders is null) { missing.Add("Authorization header requires 'SignedHeaders' parameter."); }
        if (signature is null) { missing.Add("Authorization header requires 'Signature' parameter."); }
        if (missing.Count > 0)
        {
            problem = string.Join(' ', missing);
            return false;
        }

        if (!CredentialScope.TryParseCredential(credential!, out var accessKeyId, out var scope))
        {
            problem = $"Credential should be of the form <key>/<yyyyMMdd>/<region>/<service>/aws4_request, got '{credential}'.";
            return false;
        }

        if (signature!.Length != 64 || !PayloadHashes.IsHexSha256(signature))
        {
            problem = "Signature should be 64 lowercase hex digits.";
            return false;
        }

        header = new AuthorizationHeader(accessKeyId, scope, signedHeaders!.Split(';'), signature);
        problem = "";
        return true;
    }
}
