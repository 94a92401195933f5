using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using EcsOps.Aws.Tests.Signing;

namespace EcsOps.Aws.Tests.Support.SigV4Peers;

/// <summary>
/// Expected SigV4 results from botocore, the signer inside the AWS CLI, as installed by Debian's awscli
/// package. One <c>/usr/bin/python3</c> process per test class signs every case of <see cref="SigV4Cases"/> in
/// both forms in a single batch (botocore_sigv4.py); tests then look results up by case and form.
/// </summary>
public sealed class BotocoreFixture : IAsyncLifetime
{
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private Dictionary<string, BotocoreResult> _results = [];

    /// <summary>What botocore produced for <paramref name="testCase"/> in <paramref name="form"/>.</summary>
    internal PeerSignedRequest Signed(SigV4Case testCase, SigV4Form form)
    {
        var result = _results[Id(testCase, form)];
        if (result.Error is not null)
        {
            throw new InvalidOperationException($"botocore could not sign '{testCase.Name}' in {form} form:\n{result.Error}");
        }

        var signed = new PeerSignedRequest(result.Url!, [.. result.Headers!.Select(h => new KeyValuePair<string, string>(h[0], h[1]))]);
        var outcome = new SigningOutcome(
            result.CanonicalRequest!,
            result.StringToSign!,
            result.Signature!,
            Authorization: form == SigV4Form.Header ? signed.Headers.Single(h => h.Key == "Authorization").Value : null,
            PresignedQuery: form == SigV4Form.Query ? signed.RawQuery : null);
        return signed with { Outcome = outcome };
    }

    public async Task InitializeAsync()
    {
        var batch = new BatchInput(
            AmzTimestamp(SigV4Cases.SigningTime),
            SigV4Cases.AccessKeyId,
            SigV4Cases.SecretAccessKey,
            [.. SigV4Cases.All.SelectMany(c => new[] { Spec(c, SigV4Form.Header), Spec(c, SigV4Form.Query) })]);
        var output = await RunScriptAsync(JsonSerializer.SerializeToUtf8Bytes(batch, s_json));
        var results = JsonSerializer.Deserialize<BatchOutput>(output, s_json)
            ?? throw new InvalidOperationException("botocore_sigv4.py printed no results");
        _results = results.Results.ToDictionary(r => r.Id);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static RequestSpec Spec(SigV4Case c, SigV4Form form) => new(
        Id(c, form),
        form == SigV4Form.Header ? "header" : "query",
        c.IsS3,
        c.Method,
        $"https://{c.Host}{c.Path}" + (c.Query.Length > 0 ? "?" + c.Query : ""),
        [.. c.Headers.Select(h => new[] { h.Name, h.Value })],
        c.Body,
        c.SessionToken,
        SigV4Cases.Region,
        c.Service,
        SigV4Cases.PresignedExpirySeconds);

    private static string Id(SigV4Case c, SigV4Form form) => $"{c.Name}/{form}";

    private static string AmzTimestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> RunScriptAsync(byte[] input)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Support", "SigV4Peers", "botocore_sigv4.py");
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // -I: ignore PYTHON* variables and the user's site-packages; -B: leave no __pycache__ in the output folder.
        start.ArgumentList.Add("-I");
        start.ArgumentList.Add("-B");
        start.ArgumentList.Add(script);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{Python} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"The botocore peer needs {Python} and Debian's awscli package (apt-get install awscli): {e.Message}", e);
        }

        using (process)
        using (var deadline = new CancellationTokenSource(s_deadline))
        {
            try
            {
                var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
                var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
                await process.StandardInput.BaseStream.WriteAsync(input, deadline.Token);
                process.StandardInput.Close();
                await process.WaitForExitAsync(deadline.Token);
                var output = await stdout;
                var errors = await stderr;
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException(
                        $"botocore_sigv4.py exited with {process.ExitCode} (is Debian's awscli package installed?):\n{errors}");
                }

                return output;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"botocore_sigv4.py gave no answer within {s_deadline.TotalSeconds} s");
            }
        }
    }

    private sealed record BatchInput(string Timestamp, string AccessKeyId, string SecretAccessKey, RequestSpec[] Requests);

    private sealed record RequestSpec(
        string Id,
        string Form,
        bool S3,
        string Method,
        string Url,
        string[][] Headers,
        string Body,
        string? SessionToken,
        string Region,
        string Service,
        int Expires);

    private sealed record BatchOutput(BotocoreResult[] Results);

    private sealed record BotocoreResult(
        string Id,
        string? Error,
        string? CanonicalRequest,
        string? StringToSign,
        string? Signature,
        string? Url,
        string[][]? Headers);
}
