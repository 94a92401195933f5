namespace EcsOps.Sandbox.Http;

/// <summary>
/// Decides which emulated service a request is for, the way one AWS endpoint per service would:
/// an X-Amz-Target header names a JSON service and operation; a form POST (or GET with Action) to <c>/</c>
/// is the query protocol (EC2 when signed for <c>ec2</c>, else STS); everything else is S3.
/// </summary>
internal static class AwsRequestClassifier
{
    public const string TargetHeader = "X-Amz-Target";

    /// <summary>Classifies <paramref name="request"/>; null when X-Amz-Target names no known service.</summary>
    public static AwsService? Classify(HttpRequest request, out string? operation)
    {
        operation = null;
        var target = request.Headers[TargetHeader].ToString();
        if (target.Length > 0)
        {
            var dot = target.LastIndexOf('.');
            var prefix = dot < 0 ? target : target[..dot];
            operation = dot < 0 ? "" : target[(dot + 1)..];
            return AwsService.JsonServices.FirstOrDefault(s => s.TargetPrefix == prefix);
        }

        if (IsQueryProtocol(request))
        {
            return SigningService(request) == AwsService.Ec2.SigningName ? AwsService.Ec2 : AwsService.Sts;
        }

        return AwsService.S3;
    }

    /// <summary>
    /// The service of the SigV4 credential scope (<c>Credential=AKID/date/region/service/aws4_request</c>, in the
    /// Authorization header or a presigned URL's X-Amz-Credential); null when unsigned or malformed. Verification comes
    /// later; this only routes, the way a per-service endpoint would.
    /// </summary>
    private static string? SigningService(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        var credential = authorization.Length > 0
            ? authorization.Split(["Credential="], 2, StringSplitOptions.None) is [_, var rest] ? rest.Split(',', 2)[0] : null
            : request.Query["X-Amz-Credential"].ToString();
        var parts = credential?.Split('/');
        return parts is { Length: 5 } ? parts[3] : null;
    }

    private static bool IsQueryProtocol(HttpRequest request)
    {
        if (request.Path != "/")
        {
            return false;
        }

        if (HttpMethods.IsPost(request.Method)
            && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            return true;
        }

        return HttpMethods.IsGet(request.Method) && request.Query.ContainsKey("Action");
    }
}
