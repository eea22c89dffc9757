using System.IO.Compression;
using SeedCorr.Core.IO;

namespace SeedCorr.Core.Tests.IO;

/// <summary>The chunked parallel gzip writer: what any gzip reader gets back, member boundaries, the bytes' independence of the core count.</summary>
public sealed class ParallelGzipStreamTests
{
    private static byte[] Data(int length)
    {
        var rng = new Random(3);
        var data = new byte[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = (byte)((i % 251) ^ (rng.Next(8) == 0 ? rng.Next(256) : 0)); // compressible, not trivially
        }

        return data;
    }

    private static byte[] Compress(byte[] data, int chunk, int pieces)
    {
        using var output = new MemoryStream();
        using (var gz = new ParallelGzipStream(output, CompressionLevel.Fastest, chunk))
        {
            // Written in uneven pieces, as NiftiWriter writes the header, extensions and data blocks.
            var at = 0;
            var step = Math.Max(1, data.Length / pieces);
            while (at < data.Length)
            {
                var n = Math.Min(step + (at % 7), data.Length - at);
                gz.Write(data, at, n);
                at += n;
            }
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var all = new MemoryStream();
        input.CopyTo(all);
        return all.ToArray();
    }

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(1, 1000)]
    [InlineData(999, 1000)]
    [InlineData(1000, 1000)]
    [InlineData(1001, 1000)]
    [InlineData(64_000, 1000)]
    [InlineData(300_000, 4096)]
    public void Any_gzip_reader_gets_the_bytes_back(int length, int chunk)
    {
        var data = Data(length);
        var gz = Compress(data, chunk, 13);
        Assert.Equal(data, Decompress(gz));
        if (length > 0)
        {
            Assert.Equal([0x1F, 0x8B, 0x08], gz[..3]); // a gzip member from the first byte
        }
    }

    [Fact]
    public void Less_than_a_chunk_is_one_member_and_more_is_one_per_chunk()
    {
        // One member: the file's last 4 bytes (its last member's ISIZE) are the whole length.
        var small = Compress(Data(999), 1000, 3);
        Assert.Equal(999u, BitConverter.ToUInt32(small, small.Length - 4));
        var gz = Compress(Data(10_500), 1000, 5);
        Assert.Equal(Data(10_500), Decompress(gz));
        // 11 members: the last 4 bytes are the last member's ISIZE, 500 (what the reader's truncation check compares).
        Assert.Equal(500u, BitConverter.ToUInt32(gz, gz.Length - 4));
    }

    [Fact]
    public void The_bytes_depend_on_the_chunk_size_only_not_on_how_they_were_written()
    {
        var data = Data(50_000);
        Assert.Equal(Compress(data, 2048, 1), Compress(data, 2048, 37));
    }
}
