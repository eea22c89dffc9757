using System.Buffers;
using System.IO.Compression;

namespace SeedCorr.Core.IO;

/// <summary>
/// A write-only gzip stream that compresses fixed-size chunks on all cores and writes each as its own gzip member, in
/// order. Concatenated members are one valid gzip file (RFC 1952 §2.2; zlib, nibabel, gzip -dc and this project's
/// reader read them as one stream). Output smaller than one chunk is a single member, as a plain GZipStream writes.
/// Why: a 4D map of 100 seeds is ~60 MB of float32, and one deflate stream runs on one core at ~150 MB/s. The bytes
/// depend only on the data and the chunk size, never on the number of cores.
/// </summary>
public sealed class ParallelGzipStream : Stream
{
    /// <summary>Uncompressed bytes per gzip member.</summary>
    public const int DefaultChunkBytes = 1 << 20;

    private readonly Stream _inner;
    private readonly CompressionLevel _level;
    private readonly GzipEncoding _encoding;
    private readonly int _chunkBytes;
    private readonly int _batch;
    private readonly List<(byte[] Buffer, int Length)> _pending = [];
    private byte[] _current;
    private int _used;
    private bool _wroteMember;
    private bool _disposed;

    /// <summary>Compresses into <paramref name="inner"/> (left open), with zlib at <paramref name="level"/> or, for
    /// <see cref="GzipEncoding.ZeroRuns"/>, zero runs coded and the rest stored (<see cref="ZeroRunGzip"/>).</summary>
    public ParallelGzipStream(Stream inner, CompressionLevel level, int chunkBytes = DefaultChunkBytes, GzipEncoding encoding = GzipEncoding.Deflate)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        _inner = inner;
        _level = level;
        _encoding = encoding;
        _chunkBytes = chunkBytes;
        // Chunks held at once (input and output: ~2 MB each): one per core keeps every core busy, up to 16 so that a
        // many-core server does not hold hundreds of MB for one file.
        _batch = Math.Clamp(Environment.ProcessorCount, 2, 16);
        _current = ArrayPool<byte>.Shared.Rent(chunkBytes);
    }

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => !_disposed;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (!buffer.IsEmpty)
        {
            var n = Math.Min(buffer.Length, _chunkBytes - _used);
            buffer[..n].CopyTo(_current.AsSpan(_used));
            _used += n;
            buffer = buffer[n..];
            if (_used == _chunkBytes)
            {
                _pending.Add((_current, _used));
                _current = ArrayPool<byte>.Shared.Rent(_chunkBytes);
                _used = 0;
                if (_pending.Count == _batch)
                {
                    CompressPending();
                }
            }
        }
    }

    /// <summary>Nothing is written before a chunk is full or the stream is disposed.</summary>
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Writes the last chunk (an empty member when nothing was written at all).</summary>
    protected override void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            try
            {
                if (_used > 0 || (_pending.Count == 0 && !_wroteMember))
                {
                    _pending.Add((_current, _used));
                }
                else
                {
                    ArrayPool<byte>.Shared.Return(_current);
                }

                CompressPending();
            }
            finally
            {
                _disposed = true;
            }
        }

        base.Dispose(disposing);
    }

    private void CompressPending()
    {
        var members = new (byte[] Buffer, int Length)[_pending.Count];
        try
        {
            Parallel.For(0, _pending.Count, i => members[i] = Compress(_pending[i].Buffer, _pending[i].Length));
            foreach (var (buffer, length) in members)
            {
                _inner.Write(buffer, 0, length);
            }
        }
        finally
        {
            foreach (var (buffer, _) in _pending)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            foreach (var (buffer, _) in members)
            {
                if (buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }

            _pending.Clear();
        }

        _wroteMember |= members.Length > 0;
    }

    // One member into a pooled buffer of deflate's worst case (zlib's compressBound, the gzip header and trailer, and
    // room for the stream's final blocks): a new array per member would be fresh memory for every MB written, which
    // costs more than compressing it.
    private (byte[] Buffer, int Length) Compress(byte[] data, int length)
    {
        if (_encoding == GzipEncoding.ZeroRuns)
        {
            var member = ArrayPool<byte>.Shared.Rent(ZeroRunGzip.Bound(length));
            return (member, ZeroRunGzip.Encode(data.AsSpan(0, length), member));
        }

        var bound = length + (length >> 12) + (length >> 14) + (length >> 25) + 13 + 18 + 4096;
        var output = ArrayPool<byte>.Shared.Rent(bound);
        try
        {
            using var member = new MemoryStream(output, 0, output.Length, writable: true);
            using (var gz = new GZipStream(member, _level, leaveOpen: true))
            {
                gz.Write(data, 0, length);
            }

            return (output, (int)member.Position);
        }
        catch (NotSupportedException)
        {
            // Beyond the bound (which deflate does not exceed): a growable buffer, copied into a pooled one.
            ArrayPool<byte>.Shared.Return(output);
            using var member = new MemoryStream();
            using (var gz = new GZipStream(member, _level, leaveOpen: true))
            {
                gz.Write(data, 0, length);
            }

            var copy = ArrayPool<byte>.Shared.Rent((int)member.Length);
            member.GetBuffer().AsSpan(0, (int)member.Length).CopyTo(copy);
            return (copy, (int)member.Length);
        }
    }
}

/// <summary>How <see cref="ParallelGzipStream"/> codes each member.</summary>
public enum GzipEncoding
{
    /// <summary>zlib's deflate at the stream's compression level.</summary>
    Deflate,

    /// <summary>Runs of zero bytes coded, everything else stored (<see cref="ZeroRunGzip"/>): for float32 statistical
    /// maps, whose non-zero values deflate cannot shrink.</summary>
    ZeroRuns,
}
