using System.Buffers.Binary;
using System.IO.Compression;

namespace SeedCorr.Core.Nifti;

/// <summary>
/// Detects a .gz whose end is cut off. .NET's GZipStream checks the CRC-32/ISIZE trailer when it is there, but returns
/// a clean end of stream when the file stops right after (or inside) the deflate data. So after reading to the end we
/// check that the last member's ISIZE (the file's last 4 bytes) equals the length that member decompressed to.
/// </summary>
internal static class GzipTrailer
{
    private const int ScanWindow = 4 << 20;
    private const int MaxCandidates = 64;

    public static bool LastMemberComplete(string path, long totalDecompressed)
    {
        using var fs = NiftiReader.OpenInput(path);
        if (fs.Length < 18)
        {
            return false;
        }

        Span<byte> tail = stackalloc byte[4];
        fs.Seek(-4, SeekOrigin.End);
        fs.ReadExactly(tail);
        var isize = BinaryPrimitives.ReadUInt32LittleEndian(tail);
        if ((uint)totalDecompressed == isize)
        {
            return true; // the common single-member file: one comparison, no extra I/O
        }

        // Several members (bgzip and concatenated files): find where the last one starts by trying gzip headers
        // (1F 8B 08) backwards from the end, and decompress just that member.
        var windowStart = Math.Max(0, fs.Length - ScanWindow);
        var window = new byte[fs.Length - windowStart];
        fs.Position = windowStart;
        fs.ReadExactly(window);
        var tries = 0;
        for (var p = window.Length - 18; p >= 0 && tries < MaxCandidates; p--)
        {
            if (window[p] != 0x1F || window[p + 1] != 0x8B || window[p + 2] != 0x08 || (window[p + 3] & 0xE0) != 0)
            {
                continue;
            }

            tries++;
            if (p + windowStart == 0)
            {
                return false; // the whole file is one member and its length did not match
            }

            try
            {
                using var member = new GZipStream(new MemoryStream(window, p, window.Length - p), CompressionMode.Decompress);
                long length = 0;
                var buf = new byte[65536];
                int n;
                while ((n = member.Read(buf)) > 0)
                {
                    length += n;
                }

                if ((uint)length == isize)
                {
                    return true;
                }
            }
            catch (InvalidDataException)
            {
                // Not a member boundary (the bytes just happened to look like a gzip header): keep looking.
            }
        }

        return false;
    }
}
