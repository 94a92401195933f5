namespace EcsOps.Aws.Signing;

/// <summary>
/// The <c>date/region/service/aws4_request</c> string that ties a signature to one day, region and service.
/// </summary>
/// <param name="Date">The scope date, <c>yyyyMMdd</c>.</param>
/// <param name="Region">The signing region, e.g. <c>us-east-1</c>.</param>
/// <param name="Service">The signing name, e.g. <c>ecs</c>, <c>s3</c>, <c>ssmmessages</c>.</param>
public sealed record CredentialScope(string Date, string Region, string Service)
{
    /// <summary>Builds the scope for a signing time.</summary>
    public static CredentialScope For(DateTimeOffset signingTime, string region, string service) =>
        new(AmzDate.FormatDate(signingTime), region, service);

    /// <summary>True when the service follows S3's signing rules (single URI encoding, no path normalisation).</summary>
    public bool IsS3 => Service is "s3" or "s3-object-lambda" or "s3express";

    /// <summary>The scope as it appears in the Credential element and the string to sign.</summary>
    public override string ToString() => $"{Date}/{Region}/{Service}/{SigV4Names.ScopeTerminator}";

    /// <summary>
    /// Splits a <c>Credential=</c> value (<c>AKID/20150830/us-east-1/service/aws4_request</c>) into its key id and scope.
    /// </summary>
    public static bool TryParseCredential(string credential, out string accessKeyId, out CredentialScope scope)
    {
        accessKeyId = "";
        scope = new CredentialScope("", "", "");
        var parts = credential.Split('/');
        if (parts.Length != 5 || parts[4] != SigV4Names.ScopeTerminator)
        {
            return false;
        }

        if (parts[0].Length == 0 || parts[1].Length != 8 || !parts[1].All(char.IsAsciiDigit)
            || parts[2].Length == 0 || parts[3].Length == 0)
        {
            return false;
        }

        accessKeyId = parts[0];
        scope = new CredentialScope(parts[1], parts[2], parts[3]);
        return true;
    }
}
