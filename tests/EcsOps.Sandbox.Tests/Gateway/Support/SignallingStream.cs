using System.Text;

namespace EcsOps.Sandbox.Tests.Gateway.Support;

/// <summary>A write-only stream that completes <see cref="Seen"/> once what was written contains a marker.</summary>
public sealed class SignallingStream(string marker) : MemoryStream
{
    private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Seen => _seen.Task;

    public string Text => Encoding.UTF8.GetString(ToArray());

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await base.WriteAsync(buffer, cancellationToken);
        if (Text.Contains(marker, StringComparison.Ordinal))
        {
            _seen.TrySetResult();
        }
    }
}
