using System.Globalization;
using System.Net;
using System.Xml;
using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.S3;

public static partial class S3Api
{
    private const int DefaultMaxKeys = 1000;

    private static Task ListObjectsV2Async(S3Request request)
    {
        request.RequireOwnedBucket();
        var prefix = request.Query("prefix") ?? "";
        var delimiter = request.Query("delimiter");
        var maxKeys = request.IntQuery("max-keys", 0, int.MaxValue) ?? DefaultMaxKeys;
        var continuation = request.Query("continuation-token");
        var startAfter = request.Query("start-after");
        var resumeAfter = continuation is null ? startAfter : ListingMarker.Decode(continuation) ?? throw new AwsErrorException(
            "InvalidArgument", "The continuation token provided is incorrect");
        var page = Listing(request, prefix, delimiter, Math.Min(maxKeys, DefaultMaxKeys), resumeAfter);
        var urlEncode = request.Query("encoding-type") == "url";
        return S3Xml.WriteAsync(request, writer =>
        {
            writer.WriteStartElement("ListBucketResult", S3Request.XmlNamespace);
            writer.WriteElementString("Name", request.Bucket);
            writer.WriteElementString("Prefix", Encode(prefix, urlEncode));
            if (delimiter is not null)
            {
                writer.WriteElementString("Delimiter", Encode(delimiter, urlEncode));
            }

            writer.WriteElementString("MaxKeys", maxKeys.ToString(CultureInfo.InvariantCulture));
            writer.WriteElementString("KeyCount", (page.Objects.Count + page.CommonPrefixes.Count).ToString(CultureInfo.InvariantCulture));
            writer.WriteElementString("IsTruncated", page.IsTruncated ? "true" : "false");
            if (continuation is not null)
            {
                writer.WriteElementString("ContinuationToken", continuation);
            }

            if (page.IsTruncated)
            {
                writer.WriteElementString("NextContinuationToken", ListingMarker.Encode(page.LastMarker!));
            }

            if (startAfter is not null)
            {
                writer.WriteElementString("StartAfter", Encode(startAfter, urlEncode));
            }

            if (urlEncode)
            {
                writer.WriteElementString("EncodingType", "url");
            }

            WriteEntries(writer, page, urlEncode, owner: request.Query("fetch-owner") == "true" ? request.Aws.Caller.AccountId : null);
            writer.WriteEndElement();
        });
    }

    private static Task ListObjectsAsync(S3Request request)
    {
        request.RequireOwnedBucket();
        var prefix = request.Query("prefix") ?? "";
        var delimiter = request.Query("delimiter");
        var maxKeys = request.IntQuery("max-keys", 0, int.MaxValue) ?? DefaultMaxKeys;
        var marker = request.Query("marker");
        var page = Listing(request, prefix, delimiter, Math.Min(maxKeys, DefaultMaxKeys), marker);
        var urlEncode = request.Query("encoding-type") == "url";
        return S3Xml.WriteAsync(request, writer =>
        {
            writer.WriteStartElement("ListBucketResult", S3Request.XmlNamespace);
            writer.WriteElementString("Name", request.Bucket);
            writer.WriteElementString("Prefix", Encode(prefix, urlEncode));
            writer.WriteElementString("Marker", Encode(marker ?? "", urlEncode));
            if (delimiter is not null)
            {
                writer.WriteElementString("Delimiter", Encode(delimiter, urlEncode));
            }

            writer.WriteElementString("MaxKeys", maxKeys.ToString(CultureInfo.InvariantCulture));
            writer.WriteElementString("IsTruncated", page.IsTruncated ? "true" : "false");
            if (page.IsTruncated && delimiter is not null)
            {
                writer.WriteElementString("NextMarker", Encode(page.LastMarker!, urlEncode));
            }

            if (urlEncode)
            {
                writer.WriteElementString("EncodingType", "url");
            }

            WriteEntries(writer, page, urlEncode, owner: request.Aws.Caller.AccountId);
            writer.WriteEndElement();
        });
    }

    private sealed record ListingPage(List<S3ObjectRecord> Objects, List<string> CommonPrefixes, bool IsTruncated, string? LastMarker);

    /// <summary>
    /// One page of keys after <paramref name="resumeAfter"/>, rolling keys that contain the delimiter after the
    /// prefix into common prefixes (each counts once toward max-keys). A marker that is a common prefix skips
    /// every key under it.
    /// </summary>
    private static ListingPage Listing(S3Request request, string prefix, string? delimiter, int maxKeys, string? resumeAfter)
    {
        var objects = new List<S3ObjectRecord>();
        var prefixes = new List<string>();
        string? lastMarker = null;
        var truncated = false;
        var rolledUp = delimiter is not null && resumeAfter is not null && resumeAfter.EndsWith(delimiter, StringComparison.Ordinal) ? resumeAfter : null;
        foreach (var record in request.Store.ListObjects(request.Bucket, prefix))
        {
            if (resumeAfter is not null && string.CompareOrdinal(record.Key, resumeAfter) <= 0)
            {
                continue;
            }

            if (rolledUp is not null && record.Key.StartsWith(rolledUp, StringComparison.Ordinal))
            {
                continue;
            }

            string? commonPrefix = null;
            if (!string.IsNullOrEmpty(delimiter))
            {
                var index = record.Key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
                commonPrefix = index < 0 ? null : record.Key[..(index + delimiter.Length)];
            }

            if (commonPrefix is not null && commonPrefix == rolledUp)
            {
                continue;
            }

            if (objects.Count + prefixes.Count >= maxKeys)
            {
                truncated = true;
                break;
            }

            if (commonPrefix is not null)
            {
                prefixes.Add(commonPrefix);
                rolledUp = commonPrefix;
                lastMarker = commonPrefix;
            }
            else
            {
                objects.Add(record);
                lastMarker = record.Key;
            }
        }

        return new ListingPage(objects, prefixes, truncated, lastMarker);
    }

    private static void WriteEntries(XmlWriter writer, ListingPage page, bool urlEncode, string? owner)
    {
        foreach (var record in page.Objects)
        {
            writer.WriteStartElement("Contents");
            writer.WriteElementString("Key", Encode(record.Key, urlEncode));
            writer.WriteElementString("LastModified", S3Request.IsoTime(record.LastModified));
            writer.WriteElementString("ETag", record.ETag);
            writer.WriteElementString("Size", record.Size.ToString(CultureInfo.InvariantCulture));
            writer.WriteElementString("StorageClass", record.Attributes.StorageClass);
            if (owner is not null)
            {
                writer.WriteStartElement("Owner");
                writer.WriteElementString("ID", owner);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        foreach (var commonPrefix in page.CommonPrefixes)
        {
            writer.WriteStartElement("CommonPrefixes");
            writer.WriteElementString("Prefix", Encode(commonPrefix, urlEncode));
            writer.WriteEndElement();
        }
    }

    // S3's encoding-type=url is form encoding: clients decode it with unquote_plus.
    private static string Encode(string value, bool urlEncode) => urlEncode ? WebUtility.UrlEncode(value) : value;

    /// <summary>Opaque continuation tokens: the last key or common prefix returned.</summary>
    private static class ListingMarker
    {
        public static string Encode(string marker) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(marker));

        public static string? Decode(string token)
        {
            try
            {
                return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token));
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
