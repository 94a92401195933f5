using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.S3;

/// <summary>
/// The precondition of a conditional write (PutObject, CompleteMultipartUpload) or delete (DeleteObject), as S3 has
/// them: <c>If-None-Match: *</c> writes only when no object has the key, <c>If-Match: &lt;etag&gt;</c> only when the
/// current object has that ETag. The condition is checked when the request arrives and again, atomically, when the
/// object is committed:
/// <list type="bullet">
/// <item>failing on arrival: 412 <c>PreconditionFailed</c>, or 404 <c>NoSuchKey</c> for If-Match on a missing key;</item>
/// <item>holding on arrival but failing at commit (another write or a delete of the key finished meanwhile): 409
/// <c>ConditionalRequestConflict</c>, which S3 answers for a conflicting operation during the upload.</item>
/// </list>
/// </summary>
internal sealed class S3WriteCondition
{
    private readonly string? _ifMatch;
    private readonly bool _ifNoneMatchAny;

    private S3WriteCondition(string? ifMatch, bool ifNoneMatchAny)
    {
        _ifMatch = ifMatch;
        _ifNoneMatchAny = ifNoneMatchAny;
    }

    /// <summary>The request's condition; null when it has none.</summary>
    /// <param name="allowIfNoneMatch">False for DeleteObject, which knows only If-Match.</param>
    /// <exception cref="AwsErrorException">A condition S3 does not offer on writes (If-None-Match with an ETag).</exception>
    public static S3WriteCondition? From(HttpRequest request, bool allowIfNoneMatch = true)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        var ifNoneMatch = allowIfNoneMatch ? request.Headers.IfNoneMatch.ToString() : "";
        if (ifMatch.Length == 0 && ifNoneMatch.Length == 0)
        {
            return null;
        }

        if (ifNoneMatch.Length > 0 && (ifNoneMatch.Trim() != "*" || ifMatch.Length > 0))
        {
            throw new AwsErrorException("NotImplemented", "A header you provided implies functionality that is not implemented", 501)
            {
                S3Details = [new("Header", "If-None-Match")],
            };
        }

        return new S3WriteCondition(ifMatch.Length > 0 ? ifMatch.Trim() : null, ifNoneMatch.Length > 0);
    }

    /// <summary>Checks the condition against the object the key holds as the request arrives.</summary>
    /// <exception cref="AwsErrorException">412 PreconditionFailed, or 404 NoSuchKey (If-Match, no object).</exception>
    public void CheckOnArrival(S3Request request, S3ObjectRecord? current)
    {
        if (Evaluate(current) is { } failure)
        {
            throw failure == Failure.Missing ? request.NoSuchKey() : PreconditionFailed();
        }
    }

    /// <summary>The check made under the store's lock at commit: null to commit, else the 409 to answer.</summary>
    public Exception? CheckAtCommit(S3ObjectRecord? current) =>
        Evaluate(current) is null
            ? null
            : new AwsErrorException(
                "ConditionalRequestConflict",
                "A conflicting conditional operation is currently in progress against this resource. Please try again.",
                StatusCodes.Status409Conflict);

    private Failure? Evaluate(S3ObjectRecord? current)
    {
        if (_ifNoneMatchAny)
        {
            return current is null ? null : Failure.Mismatch;
        }

        if (current is null)
        {
            return Failure.Missing;
        }

        return _ifMatch == "*" || _ifMatch!.Split(',', StringSplitOptions.TrimEntries).Any(e => e.Trim('"') == current.ETag.Trim('"'))
            ? null
            : Failure.Mismatch;
    }

    private AwsErrorException PreconditionFailed() =>
        new("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", StatusCodes.Status412PreconditionFailed)
        {
            S3Details = [new("Condition", _ifNoneMatchAny ? "If-None-Match" : "If-Match")],
        };

    private enum Failure
    {
        Mismatch,
        Missing,
    }
}
