using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EcsOps.Aws.Signing;

namespace EcsOps.Aws.Http;

/// <summary>
/// The AWS JSON 1.0/1.1 protocol: POST the serialised request to the endpoint with
/// <c>X-Amz-Target: &lt;prefix&gt;.&lt;Operation&gt;</c> and <c>Content-Type: application/x-amz-json-1.1</c>, signed
/// with SigV4; read the JSON answer or turn the error answer into a typed <see cref="AwsServiceException"/>.
/// Throttling, 5xx answers and network failures are retried per <see cref="RetryOptions"/>, each attempt
/// freshly signed with freshly fetched credentials.
/// </summary>
public sealed class AwsJsonClient
{
    private const int MaxErrorBodyBytes = 64 * 1024;
    private readonly AwsJsonClientOptions _options;
    private readonly SigV4Signer _signer;
    private readonly Func<double> _random;
    private readonly MediaTypeHeaderValue _contentType;

    public AwsJsonClient(AwsJsonClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Retry.MaxAttempts, 1);
        _options = options;
        _signer = options.Signer;
        _random = options.Random ?? System.Random.Shared.NextDouble;
        _contentType = new MediaTypeHeaderValue("application/x-amz-json-" + options.JsonVersion);
    }

    /// <summary>The endpoint and signing scope this client uses.</summary>
    public Endpoints.ResolvedEndpoint Endpoint => _options.Endpoint;

    /// <summary>Calls <paramref name="operation"/> and returns its decoded answer.</summary>
    /// <exception cref="AwsServiceException">The service answered with an error (after retries when retryable).</exception>
    /// <exception cref="AwsConnectionException">The endpoint could not be reached on any attempt.</exception>
    public async Task<TResponse> InvokeAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        var invocationId = Guid.NewGuid().ToString();
        var maxAttempts = _options.Retry.MaxAttempts;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(operation, body, invocationId, attempt, responseType, cancellationToken);
            }
            catch (AwsServiceException error) when (error.IsRetryable && attempt < maxAttempts)
            {
            }
            catch (Exception error) when (IsTransportFailure(error, cancellationToken))
            {
                if (attempt >= maxAttempts)
                {
                    throw new AwsConnectionException(
                        $"{operation} to {_options.Endpoint.Url} failed after {attempt} attempt(s): {error.Message}", error);
                }
            }

            await Task.Delay(_options.Retry.DelayAfter(attempt, _random()), _options.TimeProvider, cancellationToken);
        }
    }

    private async Task<TResponse> SendOnceAsync<TResponse>(
        string operation, byte[] body, string invocationId, int attempt, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint.Url);
        message.Content = new ByteArrayContent(body);
        message.Content.Headers.ContentType = _contentType;
        message.Headers.TryAddWithoutValidation("X-Amz-Target", _options.TargetPrefix + "." + operation);
        message.Headers.TryAddWithoutValidation("amz-sdk-invocation-id", invocationId);
        message.Headers.TryAddWithoutValidation(
            "amz-sdk-request", string.Create(CultureInfo.InvariantCulture, $"attempt={attempt}; max={_options.Retry.MaxAttempts}"));
        message.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);

        var credentials = await _options.Credentials.GetCredentialsAsync(cancellationToken);
        await _signer.SignAsync(message, credentials, _options.Endpoint.SigningRegion, _options.Endpoint.SigningName, cancellationToken);

        using var response = await _options.HttpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var requestId = Header(response, "x-amzn-RequestId") ?? Header(response, "x-amz-request-id");
        if (!response.IsSuccessStatusCode)
        {
            var errorBody = await ReadBodyAsync(response, MaxErrorBodyBytes, truncate: true, requestId, cancellationToken);
            throw AwsJsonErrorReader.Read(response.StatusCode, Header(response, "x-amzn-ErrorType"), requestId, errorBody);
        }

        var responseBody = await ReadBodyAsync(response, _options.MaxResponseBytes, truncate: false, requestId, cancellationToken);
        try
        {
            // Operations without output members may answer with an empty body.
            var json = responseBody.Length == 0 ? "{}"u8.ToArray() : responseBody;
            return JsonSerializer.Deserialize(json, responseType)
                ?? throw new InvalidResponseException($"{operation} answered with JSON null", response.StatusCode, requestId);
        }
        catch (JsonException error)
        {
            throw new InvalidResponseException(
                $"{operation} answered with JSON we cannot read: {error.Message}", response.StatusCode, requestId);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(
        HttpResponseMessage response, int limit, bool truncate, string? requestId, CancellationToken cancellationToken)
    {
        if (!truncate && response.Content.Headers.ContentLength > limit)
        {
            throw new InvalidResponseException($"the answer is larger than {limit} bytes", response.StatusCode, requestId);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                if (truncate)
                {
                    buffer.Write(chunk, 0, (int)(limit - buffer.Length));
                    break;
                }

                throw new InvalidResponseException($"the answer is larger than {limit} bytes", response.StatusCode, requestId);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    // Connection failures and HttpClient's own timeout (a cancellation the caller did not ask for) are worth
    // another attempt; the caller's cancellation is not.
    private static bool IsTransportFailure(Exception error, CancellationToken cancellationToken) => error switch
    {
        HttpRequestException => true,
        IOException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
