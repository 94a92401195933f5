using Amazon.S3;
using Amazon.S3.Model;
using EcsOps.Aws.Config;
using EcsOps.Aws.Http;

namespace EcsOps.Aws.Audit.Transcripts;

/// <summary>
/// Transcript parts in S3: <c>&lt;prefix&gt;&lt;run id&gt;/part-00000.cast</c>, <c>part-00001.cast</c>, … The client is
/// made on first use with credentials for the configured account, through <see cref="AwsClientFactory"/> (so
/// AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL apply).
/// </summary>
public sealed class S3TranscriptStore : ITranscriptStore, IDisposable
{
    public const string ContentType = "application/x-asciicast";

    private readonly Func<CancellationToken, Task<IAmazonS3>> _connect;
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly string? _kmsKeyId;
    private IAmazonS3? _client;

    public S3TranscriptStore(Func<CancellationToken, Task<IAmazonS3>> connect, string bucket, string prefix, string? kmsKeyId = null)
    {
        ArgumentNullException.ThrowIfNull(connect);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentNullException.ThrowIfNull(prefix);
        _connect = connect;
        Bucket = bucket;
        Prefix = prefix;
        _kmsKeyId = kmsKeyId;
    }

    public string Bucket { get; }

    public string Prefix { get; }

    /// <summary>The store <c>audit.transcripts</c> names; null when transcripts are not configured.</summary>
    public static S3TranscriptStore? For(AwsWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (workspace.Config.Audit.Transcripts is not { } transcripts)
        {
            return null;
        }

        var region = transcripts.Region ?? workspace.HomeRegion;
        return new S3TranscriptStore(
            async ct => workspace.Factory.CreateS3(region, await workspace.CredentialsForAsync(transcripts.Account, ct)),
            transcripts.Bucket,
            transcripts.Prefix,
            transcripts.KmsKeyId);
    }

    /// <summary>The recording settings of <c>audit.transcripts</c>.</summary>
    public static TranscriptOptions OptionsFrom(TranscriptsConfig config, TimeProvider timeProvider, Action<string>? warn)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new TranscriptOptions
        {
            RecordInput = config.RecordInput,
            PartSize = config.PartSize,
            PartInterval = config.PartInterval,
            TimeProvider = timeProvider,
            Warn = warn,
        };
    }

    public string KeyOf(string runId, int partNumber) =>
        $"{Prefix}{runId}/part-{partNumber.ToString("00000", System.Globalization.CultureInfo.InvariantCulture)}.cast";

    public async Task<string> PutAsync(string runId, int partNumber, byte[] content, CancellationToken cancellationToken)
    {
        var key = KeyOf(runId, partNumber);
        var request = new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = new MemoryStream(content, writable: false),
            ContentType = ContentType,
        };
        if (_kmsKeyId is not null)
        {
            request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS;
            request.ServerSideEncryptionKeyManagementServiceKeyId = _kmsKeyId;
        }

        var client = await ClientAsync(cancellationToken);
        await SdkErrors.CallAsync("S3", () => client.PutObjectAsync(request, cancellationToken));
        return $"s3://{Bucket}/{key}";
    }

    public async Task<IReadOnlyList<string>> ListAsync(string runId, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken);
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = $"{Prefix}{runId}/" };
        var keys = new List<string>();
        ListObjectsV2Response page;
        do
        {
            page = await SdkErrors.CallAsync("S3", () => client.ListObjectsV2Async(request, cancellationToken));
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key).Where(k => k.EndsWith(".cast", StringComparison.Ordinal)));
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        return [.. keys.Order(StringComparer.Ordinal).Select(k => $"s3://{Bucket}/{k}")];
    }

    public async Task<byte[]> GetAsync(string uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var (bucket, key) = ParseUri(uri);
        var client = await ClientAsync(cancellationToken);
        using var response = await SdkErrors.CallAsync("S3", () => client.GetObjectAsync(bucket, key, cancellationToken));
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    public void Dispose()
    {
        _client?.Dispose();
        _connecting.Dispose();
    }

    /// <summary>Bucket and key of <c>s3://bucket/key</c>.</summary>
    public static (string Bucket, string Key) ParseUri(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        const string scheme = "s3://";
        var slash = uri.StartsWith(scheme, StringComparison.Ordinal) ? uri.IndexOf('/', scheme.Length) : -1;
        return slash > scheme.Length && slash < uri.Length - 1
            ? (uri[scheme.Length..slash], uri[(slash + 1)..])
            : throw new FormatException($"'{uri}' is not an s3://bucket/key URI");
    }

    private async Task<IAmazonS3> ClientAsync(CancellationToken cancellationToken)
    {
        if (_client is { } client)
        {
            return client;
        }

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            return _client ??= await _connect(cancellationToken);
        }
        finally
        {
            _connecting.Release();
        }
    }
}
