using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EcsOps.Aws.Json;
using EcsOps.Aws.Signing;

namespace EcsOps.Sandbox.Tests.Support;

/// <summary>Hand-built, SigV4-signed (or deliberately not) HTTP requests, for what the CLI and SDKs never send.</summary>
public sealed class RawAwsClient(Uri endpoint, AwsCredentials credentials, string region) : IDisposable
{
    private static readonly Dictionary<string, (string Service, string Prefix)> s_jsonServices = new()
    {
        ["ecs"] = ("ecs", "AmazonEC2ContainerServiceV20141113"),
        ["ssm"] = ("ssm", "AmazonSSM"),
        ["logs"] = ("logs", "Logs_20140328"),
        ["kms"] = ("kms", "TrentService"),
        ["secretsmanager"] = ("secretsmanager", "secretsmanager"),
    };

    private readonly HttpClient _http = new() { BaseAddress = endpoint };

    public Uri Endpoint => endpoint;

    /// <summary>POSTs an AWS JSON 1.1 request to <paramref name="service"/>'s <paramref name="operation"/>.</summary>
    public Task<HttpResponseMessage> JsonAsync(string service, string operation, string json, bool sign = true, string? signingService = null)
    {
        var (signingName, prefix) = s_jsonServices[service];
        var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new StringContent(json, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", $"{prefix}.{operation}");
        return SendAsync(request, signingService ?? signingName, sign);
    }

    /// <summary>Sends <paramref name="request"/>, signed for <paramref name="service"/> unless <paramref name="sign"/> is false.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string service, bool sign = true)
    {
        request.RequestUri = new Uri(endpoint, request.RequestUri!);
        if (sign)
        {
            await new SigV4Signer().SignAsync(request, credentials, region, service, CancellationToken.None);
        }

        return await _http.SendAsync(request);
    }

    /// <summary>Sends and returns the parsed JSON body, requiring a 200.</summary>
    public async Task<JsonElement> JsonOkAsync(string service, string operation, string json)
    {
        using var response = await JsonAsync(service, operation, json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{operation}: {(int)response.StatusCode} {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>Sends and returns the AWS JSON error, requiring a failure status.</summary>
    public async Task<(int Status, AwsJsonError Error)> JsonErrorAsync(string service, string operation, string json)
    {
        using var response = await JsonAsync(service, operation, json);
        return await ReadJsonErrorAsync(response);
    }

    public static async Task<(int Status, AwsJsonError Error)> ReadJsonErrorAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.False(response.IsSuccessStatusCode, $"expected an error, got {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
        Assert.Equal("application/x-amz-json-1.1", response.Content.Headers.ContentType?.MediaType);
        var error = JsonSerializer.Deserialize(body, AwsJsonErrorContext.Default.AwsJsonError)!;
        Assert.Equal(error.Code, response.Headers.GetValues("x-amzn-ErrorType").Single());
        return ((int)response.StatusCode, error);
    }

    public void Dispose() => _http.Dispose();
}
