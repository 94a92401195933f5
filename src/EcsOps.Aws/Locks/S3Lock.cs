using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using EcsOps.Aws.Http;
using EcsOps.Aws.S3;

namespace EcsOps.Aws.Locks;

/// <summary>
/// Mutual exclusion across machines with one S3 object per scope, <c>&lt;prefix&gt;/&lt;scope&gt;</c>, holding a
/// <see cref="LockRecord"/>. Taking a free scope is a PutObject with <c>If-None-Match: *</c>, which S3 lets only one
/// writer win; a lock past its <see cref="LockRecord.ExpiresAt"/> is stale and taken over with <c>If-Match</c> on the
/// ETag that was read, so two runs taking over the same stale lock cannot both win. Releasing deletes the object with
/// <c>If-Match</c> on our ETag, so a run never removes a lock someone took over from it. Expiry is judged by this
/// machine's clock: keep clocks in sync and lock lifetimes well above any skew.
/// </summary>
public sealed class S3Lock(IAmazonS3 s3, S3Prefix prefix, TimeProvider timeProvider)
{
    /// <summary>Rounds of "create, else read and maybe take over" before giving up on a contended scope.</summary>
    public const int MaxAttempts = 4;

    /// <summary>The longest scope accepted, in characters.</summary>
    public const int MaxScopeLength = 256;

    public S3Prefix Prefix => prefix;

    /// <summary>The object key of a scope: the scope with every character outside <c>[A-Za-z0-9._:=@,+-]</c> percent-encoded.</summary>
    public static string KeyFor(S3Prefix prefix, string scope)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentException.ThrowIfNullOrEmpty(scope);
        var key = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(scope))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || "._:=@,+-".Contains(c, StringComparison.Ordinal))
            {
                key.Append(c);
            }
            else
            {
                key.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return prefix.Key(key.ToString());
    }

    /// <summary>Takes the scope of <paramref name="wanted"/> for its run, taking over a stale lock.</summary>
    /// <exception cref="LockHeldException">Another run holds the scope, or its lock object cannot be read.</exception>
    /// <exception cref="AwsServiceException">S3 refused (no bucket, access denied, …).</exception>
    public async Task<S3LockLease> AcquireAsync(LockRecord wanted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        if (wanted.Scope.Length > MaxScopeLength)
        {
            throw new ArgumentException($"a lock scope has at most {MaxScopeLength} characters", nameof(wanted));
        }

        var key = KeyFor(prefix, wanted.Scope);
        var location = $"s3://{prefix.Bucket}/{key}";
        LockRecord? holder = null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await TryPutAsync(key, wanted, ifMatch: null, cancellationToken) is { } created)
            {
                return new S3LockLease(s3, prefix.Bucket, key, created, wanted, takenOverFrom: null);
            }

            var current = await ReadAsync(key, location, wanted.Scope, cancellationToken);
            if (current is null)
            {
                continue; // released between our write and our read
            }

            holder = current.Value.Record;
            if (timeProvider.GetUtcNow() < holder.ExpiresAt)
            {
                throw Held(wanted.Scope, location, holder);
            }

            if (await TryPutAsync(key, wanted, current.Value.ETag, cancellationToken) is { } takenOver)
            {
                return new S3LockLease(s3, prefix.Bucket, key, takenOver, wanted, holder);
            }
        }

        throw holder is null
            ? new LockHeldException(wanted.Scope, location, null, $"scope {wanted.Scope} is contended ({location}); try again")
            : Held(wanted.Scope, location, holder);
    }

    /// <summary>Who holds a scope now; null when nobody does (or the lock has expired).</summary>
    /// <exception cref="LockHeldException">The lock object cannot be read.</exception>
    public async Task<LockRecord?> PeekAsync(string scope, CancellationToken cancellationToken)
    {
        var key = KeyFor(prefix, scope);
        var current = await ReadAsync(key, $"s3://{prefix.Bucket}/{key}", scope, cancellationToken);
        return current is { } found && timeProvider.GetUtcNow() < found.Record.ExpiresAt ? found.Record : null;
    }

    private static LockHeldException Held(string scope, string location, LockRecord holder) => new(
        scope,
        location,
        holder,
        $"scope {scope} is locked by run {holder.RunId}{(holder.Runbook is null ? "" : " of runbook " + holder.Runbook)} "
        + $"(owner {holder.Owner}) since {LockHeldException.FormatTime(holder.AcquiredAt)} until {LockHeldException.FormatTime(holder.ExpiresAt)}");

    /// <summary>The conditional write; the new ETag, or null when the condition failed (someone else won).</summary>
    private async Task<string?> TryPutAsync(string key, LockRecord record, string? ifMatch, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = prefix.Bucket,
            Key = key,
            ContentType = "application/json",
            InputStream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(record, LockJsonContext.Default.LockRecord)),
        };
        if (ifMatch is null)
        {
            request.IfNoneMatch = "*";
        }
        else
        {
            request.IfMatch = ifMatch;
        }

        try
        {
            var response = await s3.PutObjectAsync(request, cancellationToken);
            return response.ETag;
        }
        catch (AmazonS3Exception error) when (IsLostRace(error))
        {
            return null;
        }
        catch (AmazonServiceException error)
        {
            throw SdkErrors.Translate(error);
        }
    }

    private async Task<(LockRecord Record, string ETag)?> ReadAsync(string key, string location, string scope, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = prefix.Bucket, Key = key }, cancellationToken);
            using var body = new MemoryStream();
            await response.ResponseStream.CopyToAsync(body, cancellationToken);
            LockRecord? record;
            try
            {
                record = JsonSerializer.Deserialize(body.ToArray(), LockJsonContext.Default.LockRecord);
            }
            catch (JsonException)
            {
                record = null;
            }

            return record is null
                ? throw new LockHeldException(scope, location, null,
                    $"the lock object {location} of scope {scope} is not a lock record; delete it if no run holds the scope")
                : (record, response.ETag);
        }
        catch (AmazonS3Exception error) when (error.StatusCode == HttpStatusCode.NotFound && error.ErrorCode == "NoSuchKey")
        {
            return null;
        }
        catch (AmazonServiceException error)
        {
            throw SdkErrors.Translate(error);
        }
    }

    /// <summary>412: the condition did not hold; 409: a conflicting write finished first; 404: If-Match on a lock just released.</summary>
    private static bool IsLostRace(AmazonS3Exception error) =>
        error.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict
        || (error.StatusCode == HttpStatusCode.NotFound && error.ErrorCode == "NoSuchKey");
}
