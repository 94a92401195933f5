using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace EcsOps.Sandbox.Http;

/// <summary>
/// One JSON service's operations: X-Amz-Target operation name → handler, with the request and response
/// shapes of the service's source-generated context. Unknown operations answer UnknownOperationException,
/// unparsable bodies SerializationException; handlers report everything else by throwing
/// <see cref="AwsErrorException"/>.
/// </summary>
internal sealed class JsonOperationTable
{
    private readonly Dictionary<string, Func<AwsRequestContext, IResult>> _operations = new(StringComparer.Ordinal);
    private readonly JsonSerializerOptions _lenientOptions;

    /// <param name="context">The service's JsonSerializerContext.</param>
    public JsonOperationTable(AwsService service, JsonSerializerContext context)
    {
        Service = service;

        // Request records mark members `required` for our own client's sake; on the server a missing member
        // must reach the handler as null so it can answer the service's own validation error.
        _lenientOptions = new JsonSerializerOptions(context.Options)
        {
            TypeInfoResolver = context.WithAddedModifier(static typeInfo =>
            {
                foreach (var property in typeInfo.Properties)
                {
                    property.IsRequired = false;
                }
            }),
        };
    }

    public AwsService Service { get; }

    public IEnumerable<string> OperationNames => _operations.Keys;

    /// <summary>Adds <paramref name="operation"/>.</summary>
    public JsonOperationTable Add<TRequest, TResponse>(
        string operation, JsonTypeInfo<TRequest> requestShape, JsonTypeInfo<TResponse> responseShape, Func<TRequest, AwsRequestContext, TResponse> handler)
    {
        var lenientRequestShape = (JsonTypeInfo<TRequest>)_lenientOptions.GetTypeInfo(typeof(TRequest));
        _operations.Add(operation, aws =>
        {
            var request = Deserialize(aws.Body, lenientRequestShape);
            var response = handler(request, aws);
            return Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(response, responseShape), AwsErrorWriter.JsonContentType);
        });
        return this;
    }

    /// <summary>The endpoint delegate: runs the operation the request's X-Amz-Target names.</summary>
    public IResult Dispatch(HttpContext context)
    {
        var aws = context.GetAwsRequest();
        if (aws.Operation is null || !_operations.TryGetValue(aws.Operation, out var operation))
        {
            throw new AwsErrorException("UnknownOperationException", $"Operation '{aws.Operation}' is not supported by the {Service.Name} sandbox.");
        }

        return operation(aws);
    }

    private static T Deserialize<T>(ReadOnlyMemory<byte> body, JsonTypeInfo<T> shape)
    {
        var json = body.Length == 0 ? "{}"u8 : body.Span;
        try
        {
            return JsonSerializer.Deserialize(json, shape)
                ?? throw new AwsErrorException("SerializationException", "Request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new AwsErrorException("SerializationException", $"Request body is not valid for this operation: {ex.Message}");
        }
    }
}
