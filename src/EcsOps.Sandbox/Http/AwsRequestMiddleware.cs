using System.Security.Cryptography;
using System.Text;
using EcsOps.Aws.Signing;
using EcsOps.Sandbox.Identity;
using EcsOps.Sandbox.World;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace EcsOps.Sandbox.Http;

/// <summary>
/// Runs before routing for every request: classifies the service, buffers small (JSON/query) bodies,
/// verifies the SigV4 signature against the world's credentials, and turns any <see cref="AwsErrorException"/>
/// (from here or from a handler) into the service's error shape. A failing request never takes the sandbox down.
/// </summary>
internal sealed class AwsRequestMiddleware(
    RequestDelegate next,
    CredentialStore credentials,
    WorldDefinition world,
    TimeProvider timeProvider,
    ILogger<AwsRequestMiddleware> logger)
{
    /// <summary>Largest JSON or query body accepted (PutLogEvents batches are at most 1 MiB of events).</summary>
    public const int MaxBufferedBodyBytes = 8 * 1024 * 1024;

    private readonly SigV4Verifier _verifier = new(credentials.FindCredentials, timeProvider);

    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        var service = AwsRequestClassifier.Classify(context.Request, out var operation);
        var aws = new AwsRequestContext(service ?? AwsService.Ecs, requestId)
        {
            Operation = operation,
            LocalPort = context.Connection.LocalPort,
        };
        context.Features.Set(aws);
        if (aws.Service.Protocol == AwsProtocol.RestXml)
        {
            context.Response.Headers["x-amz-request-id"] = requestId;
            context.Response.Headers["x-amz-id-2"] = requestId;
        }
        else
        {
            context.Response.Headers["x-amzn-RequestId"] = requestId;
        }

        try
        {
            if (service is null)
            {
                throw new AwsErrorException("UnknownOperationException", $"X-Amz-Target '{context.Request.Headers[AwsRequestClassifier.TargetHeader]}' names no service this sandbox emulates.");
            }

            string? bodySha256 = null;
            if (service.Protocol != AwsProtocol.RestXml)
            {
                aws.Body = await ReadBoundedBodyAsync(context.Request, context.RequestAborted);
                bodySha256 = Convert.ToHexStringLower(SHA256.HashData(aws.Body.Span));
                if (service.Protocol is AwsProtocol.Query or AwsProtocol.Ec2Query)
                {
                    aws.Parameters = QueryParameters(context.Request, aws.Body.Span);
                    aws.Operation = aws.Parameters.GetValueOrDefault("Action");
                }
            }

            Authenticate(context, aws, bodySha256);
            Authorize(aws);
            await next(context);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own verdict on the framing (bad chunked encoding, body cut short): the client's fault.
            await WriteErrorAsync(context, aws, new AwsErrorException(
                aws.Service.Protocol == AwsProtocol.RestXml ? "IncompleteBody" : "SerializationException", ex.Message, ex.StatusCode));
        }
        catch (AwsErrorException error)
        {
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("{Service} {Operation} -> {Code}: {Message}", aws.Service.Name, aws.Operation, error.Code, error.Message);
            }

            await WriteErrorAsync(context, aws, error);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "{Service} {Operation} failed", aws.Service.Name, aws.Operation);
            var code = aws.Service.Protocol == AwsProtocol.RestXml ? "InternalError" : "InternalFailure";
            await WriteErrorAsync(context, aws, new AwsErrorException(code, "We encountered an internal error. Please try again.", 500));
        }
    }

    private static async Task WriteErrorAsync(HttpContext context, AwsRequestContext aws, AwsErrorException error)
    {
        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            // Too late for a status line (or nobody listening): cut the connection so the client sees a
            // truncated response, never a success.
            context.Abort();
            return;
        }

        try
        {
            await AwsErrorWriter.WriteAsync(context, aws.Service, aws.RequestId, error);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            context.Abort();
        }
    }

    private void Authenticate(HttpContext context, AwsRequestContext aws, string? bodySha256)
    {
        var (rawPath, rawQuery) = RawTarget(context);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                headers.Add(new(name, value ?? ""));
            }
        }

        var verification = _verifier.Verify(new SigV4IncomingRequest(context.Request.Method, rawPath, rawQuery, headers, bodySha256));
        if (!verification.IsValid)
        {
            throw AuthenticationErrors.For(aws.Service.Protocol, verification);
        }

        var scope = verification.Scope!;
        if (scope.Service != aws.Service.SigningName)
        {
            throw AuthenticationErrors.WrongScope(aws.Service.Protocol,
                $"Credential should be scoped to correct service: '{aws.Service.SigningName}'.");
        }

        if (!world.Regions.Contains(scope.Region))
        {
            throw AuthenticationErrors.WrongScope(aws.Service.Protocol,
                $"Credential should be scoped to a valid region; this sandbox has {string.Join(", ", world.Regions)}, not '{scope.Region}'.");
        }

        aws.Caller = credentials.FindIdentity(verification.AccessKeyId!)
            ?? throw AuthenticationErrors.For(aws.Service.Protocol, verification with { Failure = SigV4Failure.UnknownAccessKey });
        aws.Region = scope.Region;
        aws.Verification = verification;
    }

    /// <summary>Refuses an action the world denies to the caller's account user (<see cref="AccountDefinition.DeniedActions"/>).</summary>
    private void Authorize(AwsRequestContext aws)
    {
        if (aws.Operation is null || !aws.Caller.Arn.Contains(":user/", StringComparison.Ordinal))
        {
            return;
        }

        var action = $"{aws.Service.SigningName}:{aws.Operation}";
        var account = world.Accounts.FirstOrDefault(a => a.Id == aws.Caller.AccountId);
        if (account?.DeniedActions.Contains(action, StringComparer.OrdinalIgnoreCase) != true)
        {
            return;
        }

        var message = $"User: {aws.Caller.Arn} is not authorized to perform: {action} because no identity-based policy allows the {action} action";
        throw aws.Service.Protocol switch
        {
            AwsProtocol.Json => new AwsErrorException("AccessDeniedException", message),
            AwsProtocol.Ec2Query => new AwsErrorException("UnauthorizedOperation", "You are not authorized to perform this operation. " + message, 403),
            _ => new AwsErrorException("AccessDenied", message, 403),
        };
    }

    /// <summary>The path and query exactly as the client sent them, which is what it signed.</summary>
    internal static (string Path, string Query) RawTarget(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        if (Uri.TryCreate(rawTarget, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal))
        {
            rawTarget = absolute.PathAndQuery;
        }

        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? (rawTarget, "") : (rawTarget[..question], rawTarget[(question + 1)..]);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBoundedBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBufferedBodyBytes)
        {
            throw new AwsErrorException("RequestEntityTooLargeException", $"Request body is larger than {MaxBufferedBodyBytes} bytes.", 413);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBufferedBodyBytes)
            {
                throw new AwsErrorException("RequestEntityTooLargeException", $"Request body is larger than {MaxBufferedBodyBytes} bytes.", 413);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Dictionary<string, string> QueryParameters(HttpRequest request, ReadOnlySpan<byte> body)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Query)
        {
            parameters[name] = value.ToString();
        }

        if (HttpMethods.IsPost(request.Method))
        {
            foreach (var (name, value) in QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)))
            {
                parameters[name] = value.ToString();
            }
        }

        return parameters;
    }
}
