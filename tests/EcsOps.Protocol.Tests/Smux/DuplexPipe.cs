using System.Buffers;
using System.IO.Pipelines;

namespace EcsOps.Protocol.Tests.Smux;

/// <summary>
/// Two connected in-memory stream ends, like a socket pair. Each write is cut at random boundaries and
/// flushed piece by piece, so the reader sees frames split anywhere. Counts the bytes each end has read.
/// Disposing an end is seen by the other end as end of stream.
/// </summary>
internal static class DuplexPipe
{
    public static (End A, End B) Create(int seed, int maxPiece = 4096)
    {
        var aToB = new Pipe(new PipeOptions(useSynchronizationContext: false));
        var bToA = new Pipe(new PipeOptions(useSynchronizationContext: false));
        return (new End(bToA.Reader, aToB.Writer, new Random(seed), maxPiece),
                new End(aToB.Reader, bToA.Writer, new Random(seed + 1), maxPiece));
    }

    internal sealed class End(PipeReader reader, PipeWriter writer, Random random, int maxPiece) : Stream
    {
        private readonly Lock _randomGate = new();
        private long _bytesRead;
        private int _disposed;

        public long BytesRead => Interlocked.Read(ref _bytesRead);

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var count = (int)Math.Min(buffer.Length, result.Buffer.Length);
            result.Buffer.Slice(0, count).CopyTo(buffer.Span);
            reader.AdvanceTo(result.Buffer.GetPosition(count));
            Interlocked.Add(ref _bytesRead, count);
            return count;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (!buffer.IsEmpty)
            {
                int piece;
                lock (_randomGate)
                {
                    piece = Math.Min(buffer.Length, random.Next(1, maxPiece + 1));
                }

                await writer.WriteAsync(buffer[..piece], cancellationToken);
                buffer = buffer[piece..];
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        /// <summary>Reads exactly <paramref name="count"/> bytes, or fewer if the other end closed.</summary>
        public async Task<byte[]> ReadBytesAsync(int count)
        {
            var bytes = new byte[count];
            var read = await this.ReadAtLeastAsync(bytes, count, throwOnEndOfStream: false);
            return bytes[..read];
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                writer.Complete();
                reader.CancelPendingRead();
                reader.Complete();
            }

            base.Dispose(disposing);
        }
    }
}
