namespace EcsOps.Sandbox.Http;

/// <summary>
/// Decides which emulated service a request is for, the way one AWS endpoint per service would:
/// an X-Amz-Target header names a JSON service and operation; a form POST (or GET with Action) to <c>/</c>
/// is the query protocol (STS); everything else is S3.
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
            return AwsService.Sts;
        }

        return AwsService.S3;
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
