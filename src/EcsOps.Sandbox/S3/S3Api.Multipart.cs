using System.Globalization;
using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.S3;

public static partial class S3Api
{
    private const int MaxPartNumber = 10_000;
    private const long MinPartSize = 5L * 1024 * 1024;

    private static Task CreateMultipartUploadAsync(S3Request request)
    {
        request.RequireOwnedBucket();
        RequireValidKey(request);
        var upload = request.Store.CreateUpload(request.Bucket, request.Key, request.Aws.Caller.AccountId, AttributesFrom(request.Request));
        return S3Xml.WriteAsync(request, writer =>
        {
            writer.WriteStartElement("InitiateMultipartUploadResult", S3Request.XmlNamespace);
            writer.WriteElementString("Bucket", upload.Bucket);
            writer.WriteElementString("Key", upload.Key);
            writer.WriteElementString("UploadId", upload.UploadId);
            writer.WriteEndElement();
        });
    }

    private static async Task UploadPartAsync(S3Request request)
    {
        request.RequireOwnedBucket();
        var partNumber = request.IntQuery("partNumber", 1, MaxPartNumber)!.Value;
        var upload = RequireUpload(request);
        var part = await request.Store.PutPartAsync(upload.UploadId, partNumber,
            destination => S3RequestBody.CopyToAsync(request.Context, destination, request.Aborted), request.Aborted)
            ?? throw NoSuchUpload(request);
        request.Response.Headers.ETag = part.ETag;
    }

    /// <summary>
    /// Checks the part list as S3 does (ascending part numbers, every part uploaded with that ETag, every part but
    /// the last at least 5 MiB) and assembles the object.
    /// </summary>
    private static async Task CompleteMultipartUploadAsync(S3Request request)
    {
        request.RequireOwnedBucket();
        var upload = RequireUpload(request);
        var document = await S3Xml.ReadAsync(request);
        if (document?.Root is not { Name.LocalName: "CompleteMultipartUpload" } root)
        {
            throw S3Xml.MalformedXml();
        }

        var requested = new List<(int PartNumber, string ETag)>();
        foreach (var element in S3Xml.Children(root, "Part"))
        {
            if (!int.TryParse(S3Xml.ChildValue(element, "PartNumber"), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || S3Xml.ChildValue(element, "ETag") is not { } etag)
            {
                throw S3Xml.MalformedXml();
            }

            requested.Add((number, etag.Trim().Trim('"')));
        }

        if (requested.Count == 0)
        {
            throw S3Xml.MalformedXml();
        }

        for (var i = 1; i < requested.Count; i++)
        {
            if (requested[i].PartNumber <= requested[i - 1].PartNumber)
            {
                throw new AwsErrorException("InvalidPartOrder", "The list of parts was not in ascending order. Parts must be ordered by part number.");
            }
        }

        var uploaded = request.Store.PartsOf(upload.UploadId) ?? throw NoSuchUpload(request);
        var parts = new List<S3PartRecord>();
        foreach (var (number, etag) in requested)
        {
            if (!uploaded.TryGetValue(number, out var part) || part.ETag.Trim('"') != etag)
            {
                throw new AwsErrorException("InvalidPart",
                    "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.")
                {
                    S3Details = [new("UploadId", upload.UploadId), new("PartNumber", number.ToString(CultureInfo.InvariantCulture)), new("ETag", etag)],
                };
            }

            parts.Add(part);
        }

        for (var i = 0; i < parts.Count - 1; i++)
        {
            if (parts[i].Size < MinPartSize)
            {
                throw new AwsErrorException("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.")
                {
                    S3Details = [new("ProposedSize", parts[i].Size.ToString(CultureInfo.InvariantCulture)), new("MinSizeAllowed", MinPartSize.ToString(CultureInfo.InvariantCulture))],
                };
            }
        }

        var record = await request.Store.CompleteUploadAsync(upload, parts, request.Aborted);
        await S3Xml.WriteAsync(request, writer =>
        {
            writer.WriteStartElement("CompleteMultipartUploadResult", S3Request.XmlNamespace);
            writer.WriteElementString("Location", $"http://{request.Request.Host}/{record.Bucket}/{Uri.EscapeDataString(record.Key)}");
            writer.WriteElementString("Bucket", record.Bucket);
            writer.WriteElementString("Key", record.Key);
            writer.WriteElementString("ETag", record.ETag);
            writer.WriteEndElement();
        });
    }

    private static Task AbortMultipartUploadAsync(S3Request request)
    {
        request.RequireOwnedBucket();
        var upload = RequireUpload(request);
        request.Store.AbortUpload(upload.UploadId);
        request.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    /// <summary>
    /// The uploads in progress under a prefix, oldest first per key, up to max-uploads (1000) of them; a longer list
    /// is cut off and marked truncated (the sandbox does not page with key-marker / upload-id-marker).
    /// </summary>
    private static Task ListMultipartUploadsAsync(S3Request request)
    {
        request.RequireOwnedBucket();
        var prefix = request.Query("prefix") ?? "";
        var maxUploads = Math.Min(request.IntQuery("max-uploads", 0, int.MaxValue) ?? DefaultMaxKeys, DefaultMaxKeys);
        var uploads = request.Store.ListUploads(request.Bucket, prefix);
        return S3Xml.WriteAsync(request, writer =>
        {
            writer.WriteStartElement("ListMultipartUploadsResult", S3Request.XmlNamespace);
            writer.WriteElementString("Bucket", request.Bucket);
            writer.WriteElementString("KeyMarker", "");
            writer.WriteElementString("UploadIdMarker", "");
            writer.WriteElementString("Prefix", prefix);
            writer.WriteElementString("MaxUploads", maxUploads.ToString(CultureInfo.InvariantCulture));
            writer.WriteElementString("IsTruncated", uploads.Count > maxUploads ? "true" : "false");
            foreach (var upload in uploads.Take(maxUploads))
            {
                writer.WriteStartElement("Upload");
                writer.WriteElementString("Key", upload.Key);
                writer.WriteElementString("UploadId", upload.UploadId);
                writer.WriteStartElement("Initiator");
                writer.WriteElementString("ID", upload.OwnerAccountId);
                writer.WriteEndElement();
                writer.WriteStartElement("Owner");
                writer.WriteElementString("ID", upload.OwnerAccountId);
                writer.WriteEndElement();
                writer.WriteElementString("StorageClass", upload.Attributes.StorageClass);
                writer.WriteElementString("Initiated", S3Request.IsoTime(upload.Initiated));
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        });
    }

    private static S3UploadRecord RequireUpload(S3Request request) =>
        request.Store.FindUpload(request.Bucket, request.Key, request.Query("uploadId") ?? "") ?? throw NoSuchUpload(request);

    private static AwsErrorException NoSuchUpload(S3Request request) =>
        new("NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.", 404)
        {
            S3Details = [new("UploadId", request.Query("uploadId") ?? "")],
        };
}
