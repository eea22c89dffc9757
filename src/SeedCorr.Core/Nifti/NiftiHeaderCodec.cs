using System.Buffers.Binary;
using System.Collections.Immutable;

namespace SeedCorr.Core.Nifti;

/// <summary>Byte layout of NIfTI-1 (348 bytes) and NIfTI-2 (540 bytes) headers: parsing in either byte order, writing little-endian.</summary>
internal static class NiftiHeaderCodec
{
    public const int Nifti1Size = 348;
    public const int Nifti2Size = 540;

    // The 4 bytes after "n+2\0" / "ni2\0" detect text-mode transfer damage (as PNG's signature does).
    private static ReadOnlySpan<byte> Nifti2Signature => [0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Reads sizeof_hdr in both byte orders and returns the header size and byte order, or throws InvalidHeader.</summary>
    public static (int Size, bool BigEndian) Detect(ReadOnlySpan<byte> first4, string? path)
    {
        var le = BinaryPrimitives.ReadInt32LittleEndian(first4);
        var be = BinaryPrimitives.ReadInt32BigEndian(first4);
        return le switch
        {
            Nifti1Size => (Nifti1Size, false),
            Nifti2Size => (Nifti2Size, false),
            _ => be switch
            {
                Nifti1Size => (Nifti1Size, true),
                Nifti2Size => (Nifti2Size, true),
                _ => throw new NiftiException(NiftiErrorKind.InvalidHeader, path,
                    $"sizeof_hdr is {le} (expected 348 for NIfTI-1 or 540 for NIfTI-2): not a NIfTI file"),
            },
        };
    }

    /// <summary>Parses a full header. <paramref name="pair"/> says whether the file is the .hdr of a pair (magic ni1/ni2).</summary>
    public static NiftiHeader Parse(ReadOnlySpan<byte> h, bool bigEndian, bool pair, string? path)
    {
        var r = new EndianReader(bigEndian);
        return h.Length == Nifti2Size ? ParseV2(h, r, pair, path) : ParseV1(h, r, pair, path);
    }

    private static NiftiHeader ParseV1(ReadOnlySpan<byte> h, EndianReader r, bool pair, string? path)
    {
        var magic = h.Slice(344, 4);
        var expected = pair ? "ni1"u8 : "n+1"u8;
        if (!magic[..3].SequenceEqual(expected) || magic[3] != 0)
        {
            throw BadMagic(magic, pair, 1, path);
        }

        var dim = ImmutableArray.CreateBuilder<long>(8);
        for (var n = 0; n < 8; n++)
        {
            dim.Add(r.I16(h, 40 + (2 * n)));
        }

        return new NiftiHeader
        {
            Version = 1,
            IsBigEndian = r.Big,
            Magic = pair ? "ni1" : "n+1",
            DimInfo = h[39],
            Dim = dim.MoveToImmutable(),
            IntentParameters = [r.F32(h, 56), r.F32(h, 60), r.F32(h, 64)],
            IntentCode = r.I16(h, 68),
            DataType = (NiftiDataType)r.I16(h, 70),
            BitPix = r.I16(h, 72),
            SliceStart = r.I16(h, 74),
            PixDim = Floats(h, r, 76, 8),
            VoxOffset = r.F32(h, 108),
            SclSlope = r.F32(h, 112),
            SclInter = r.F32(h, 116),
            SliceEnd = r.I16(h, 120),
            SliceCode = h[122],
            XyztUnits = h[123],
            CalMax = r.F32(h, 124),
            CalMin = r.F32(h, 128),
            SliceDuration = r.F32(h, 132),
            TOffset = r.F32(h, 136),
            DescripBytes = TrimmedBytes(h.Slice(148, 80)),
            AuxFileBytes = TrimmedBytes(h.Slice(228, 24)),
            QformCode = r.I16(h, 252),
            SformCode = r.I16(h, 254),
            Quatern = Floats(h, r, 256, 3),
            QOffset = Floats(h, r, 268, 3),
            SRows = Floats(h, r, 280, 12),
            IntentName = System.Text.Encoding.Latin1.GetString(TrimmedBytes(h.Slice(328, 16)).AsSpan()),
        };
    }

    private static NiftiHeader ParseV2(ReadOnlySpan<byte> h, EndianReader r, bool pair, string? path)
    {
        var magic = h.Slice(4, 8);
        var expected = pair ? "ni2"u8 : "n+2"u8;
        if (!magic[..3].SequenceEqual(expected) || magic[3] != 0)
        {
            throw BadMagic(magic[..4], pair, 2, path);
        }

        if (!magic[4..].SequenceEqual(Nifti2Signature))
        {
            throw new NiftiException(NiftiErrorKind.InvalidHeader, path,
                $"the NIfTI-2 signature bytes are {Convert.ToHexString(magic[4..])} instead of 0D0A1A0A: the file was damaged by a text-mode (end-of-line converting) transfer");
        }

        var dim = ImmutableArray.CreateBuilder<long>(8);
        for (var n = 0; n < 8; n++)
        {
            dim.Add(r.I64(h, 16 + (8 * n)));
        }

        var pixdim = ImmutableArray.CreateBuilder<double>(8);
        for (var n = 0; n < 8; n++)
        {
            pixdim.Add(r.F64(h, 104 + (8 * n)));
        }

        var srows = ImmutableArray.CreateBuilder<double>(12);
        for (var n = 0; n < 12; n++)
        {
            srows.Add(r.F64(h, 400 + (8 * n)));
        }

        return new NiftiHeader
        {
            Version = 2,
            IsBigEndian = r.Big,
            Magic = pair ? "ni2" : "n+2",
            DataType = (NiftiDataType)r.I16(h, 12),
            BitPix = r.I16(h, 14),
            Dim = dim.MoveToImmutable(),
            IntentParameters = [r.F64(h, 80), r.F64(h, 88), r.F64(h, 96)],
            PixDim = pixdim.MoveToImmutable(),
            VoxOffset = r.I64(h, 168),
            SclSlope = r.F64(h, 176),
            SclInter = r.F64(h, 184),
            CalMax = r.F64(h, 192),
            CalMin = r.F64(h, 200),
            SliceDuration = r.F64(h, 208),
            TOffset = r.F64(h, 216),
            SliceStart = r.I64(h, 224),
            SliceEnd = r.I64(h, 232),
            DescripBytes = TrimmedBytes(h.Slice(240, 80)),
            AuxFileBytes = TrimmedBytes(h.Slice(320, 24)),
            QformCode = r.I32(h, 344),
            SformCode = r.I32(h, 348),
            Quatern = [r.F64(h, 352), r.F64(h, 360), r.F64(h, 368)],
            QOffset = [r.F64(h, 376), r.F64(h, 384), r.F64(h, 392)],
            SRows = srows.MoveToImmutable(),
            SliceCode = r.I32(h, 496),
            XyztUnits = r.I32(h, 500),
            IntentCode = r.I32(h, 504),
            IntentName = System.Text.Encoding.Latin1.GetString(TrimmedBytes(h.Slice(508, 16)).AsSpan()),
            DimInfo = h[524],
        };
    }

    private static NiftiException BadMagic(ReadOnlySpan<byte> magic, bool pair, int version, string? path)
    {
        var text = System.Text.Encoding.Latin1.GetString(magic).TrimEnd('\0');
        var printable = text.All(ch => ch >= 0x20 && ch < 0x7F) ? $"'{text}'" : $"0x{Convert.ToHexString(magic)}";
        var want = pair ? $"'ni{version}'" : $"'n+{version}'";
        var hint = (pair, text) switch
        {
            (false, "ni1" or "ni2") => " ('ni1'/'ni2' marks the header of a .hdr/.img pair, not a single .nii file)",
            (true, "n+1" or "n+2") => " ('n+1'/'n+2' marks a single-file .nii, not a .hdr/.img pair)",
            (_, "") => " (no magic: an Analyze 7.5 file, which SeedCorr does not read)",
            _ => string.Empty,
        };
        return new NiftiException(NiftiErrorKind.InvalidHeader, path, $"the magic is {printable}, expected {want}{hint}");
    }

    private static ImmutableArray<double> Floats(ReadOnlySpan<byte> h, EndianReader r, int offset, int count)
    {
        var b = ImmutableArray.CreateBuilder<double>(count);
        for (var n = 0; n < count; n++)
        {
            b.Add(r.F32(h, offset + (4 * n)));
        }

        return b.MoveToImmutable();
    }

    private static ImmutableArray<byte> TrimmedBytes(ReadOnlySpan<byte> field)
    {
        var nul = field.IndexOf((byte)0);
        return [.. nul < 0 ? field : field[..nul]];
    }

    /// <summary>Serialises a header little-endian in its <see cref="NiftiHeader.Version"/> layout (extensions not included).</summary>
    public static byte[] Serialize(NiftiHeader hdr)
    {
        return hdr.Version == 2 ? SerializeV2(hdr) : SerializeV1(hdr);
    }

    private static byte[] SerializeV1(NiftiHeader x)
    {
        var h = new byte[Nifti1Size];
        var s = h.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(s, Nifti1Size);
        s[38] = (byte)'r'; // "regular": Analyze readers expect it
        s[39] = x.DimInfo;
        for (var n = 0; n < 8; n++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(s[(40 + (2 * n))..], checked((short)x.Dim[n]));
        }

        W32(s, 56, x.IntentParameters[0]);
        W32(s, 60, x.IntentParameters[1]);
        W32(s, 64, x.IntentParameters[2]);
        BinaryPrimitives.WriteInt16LittleEndian(s[68..], checked((short)x.IntentCode));
        BinaryPrimitives.WriteInt16LittleEndian(s[70..], (short)x.DataType);
        BinaryPrimitives.WriteInt16LittleEndian(s[72..], checked((short)x.BitPix));
        BinaryPrimitives.WriteInt16LittleEndian(s[74..], checked((short)x.SliceStart));
        for (var n = 0; n < 8; n++)
        {
            W32(s, 76 + (4 * n), x.PixDim[n]);
        }

        W32(s, 108, x.VoxOffset);
        W32(s, 112, x.SclSlope);
        W32(s, 116, x.SclInter);
        BinaryPrimitives.WriteInt16LittleEndian(s[120..], checked((short)x.SliceEnd));
        s[122] = checked((byte)x.SliceCode);
        s[123] = checked((byte)x.XyztUnits);
        W32(s, 124, x.CalMax);
        W32(s, 128, x.CalMin);
        W32(s, 132, x.SliceDuration);
        W32(s, 136, x.TOffset);
        CopyText(x.DescripBytes.AsSpan(), s.Slice(148, 80));
        CopyText(x.AuxFileBytes.AsSpan(), s.Slice(228, 24));
        BinaryPrimitives.WriteInt16LittleEndian(s[252..], checked((short)x.QformCode));
        BinaryPrimitives.WriteInt16LittleEndian(s[254..], checked((short)x.SformCode));
        for (var n = 0; n < 3; n++)
        {
            W32(s, 256 + (4 * n), x.Quatern[n]);
            W32(s, 268 + (4 * n), x.QOffset[n]);
        }

        for (var n = 0; n < 12; n++)
        {
            W32(s, 280 + (4 * n), x.SRows[n]);
        }

        CopyText(System.Text.Encoding.Latin1.GetBytes(x.IntentName), s.Slice(328, 16));
        "n+1\0"u8.CopyTo(s[344..]);
        return h;
    }

    private static byte[] SerializeV2(NiftiHeader x)
    {
        var h = new byte[Nifti2Size];
        var s = h.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(s, Nifti2Size);
        "n+2\0"u8.CopyTo(s[4..]);
        Nifti2Signature.CopyTo(s[8..]);
        BinaryPrimitives.WriteInt16LittleEndian(s[12..], (short)x.DataType);
        BinaryPrimitives.WriteInt16LittleEndian(s[14..], checked((short)x.BitPix));
        for (var n = 0; n < 8; n++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(s[(16 + (8 * n))..], x.Dim[n]);
        }

        W64(s, 80, x.IntentParameters[0]);
        W64(s, 88, x.IntentParameters[1]);
        W64(s, 96, x.IntentParameters[2]);
        for (var n = 0; n < 8; n++)
        {
            W64(s, 104 + (8 * n), x.PixDim[n]);
        }

        BinaryPrimitives.WriteInt64LittleEndian(s[168..], (long)x.VoxOffset);
        W64(s, 176, x.SclSlope);
        W64(s, 184, x.SclInter);
        W64(s, 192, x.CalMax);
        W64(s, 200, x.CalMin);
        W64(s, 208, x.SliceDuration);
        W64(s, 216, x.TOffset);
        BinaryPrimitives.WriteInt64LittleEndian(s[224..], x.SliceStart);
        BinaryPrimitives.WriteInt64LittleEndian(s[232..], x.SliceEnd);
        CopyText(x.DescripBytes.AsSpan(), s.Slice(240, 80));
        CopyText(x.AuxFileBytes.AsSpan(), s.Slice(320, 24));
        BinaryPrimitives.WriteInt32LittleEndian(s[344..], x.QformCode);
        BinaryPrimitives.WriteInt32LittleEndian(s[348..], x.SformCode);
        for (var n = 0; n < 3; n++)
        {
            W64(s, 352 + (8 * n), x.Quatern[n]);
            W64(s, 376 + (8 * n), x.QOffset[n]);
        }

        for (var n = 0; n < 12; n++)
        {
            W64(s, 400 + (8 * n), x.SRows[n]);
        }

        BinaryPrimitives.WriteInt32LittleEndian(s[496..], x.SliceCode);
        BinaryPrimitives.WriteInt32LittleEndian(s[500..], x.XyztUnits);
        BinaryPrimitives.WriteInt32LittleEndian(s[504..], x.IntentCode);
        CopyText(System.Text.Encoding.Latin1.GetBytes(x.IntentName), s.Slice(508, 16));
        s[524] = x.DimInfo;
        return h;
    }

    private static void W32(Span<byte> s, int offset, double v) => BinaryPrimitives.WriteSingleLittleEndian(s[offset..], (float)v);

    private static void W64(Span<byte> s, int offset, double v) => BinaryPrimitives.WriteDoubleLittleEndian(s[offset..], v);

    private static void CopyText(ReadOnlySpan<byte> text, Span<byte> field) => text[..Math.Min(text.Length, field.Length)].CopyTo(field);

    /// <summary>Reads scalars in the header's byte order.</summary>
    private readonly struct EndianReader(bool big)
    {
        public bool Big => big;

        public short I16(ReadOnlySpan<byte> s, int o) => big ? BinaryPrimitives.ReadInt16BigEndian(s[o..]) : BinaryPrimitives.ReadInt16LittleEndian(s[o..]);

        public int I32(ReadOnlySpan<byte> s, int o) => big ? BinaryPrimitives.ReadInt32BigEndian(s[o..]) : BinaryPrimitives.ReadInt32LittleEndian(s[o..]);

        public long I64(ReadOnlySpan<byte> s, int o) => big ? BinaryPrimitives.ReadInt64BigEndian(s[o..]) : BinaryPrimitives.ReadInt64LittleEndian(s[o..]);

        public double F32(ReadOnlySpan<byte> s, int o) => big ? BinaryPrimitives.ReadSingleBigEndian(s[o..]) : BinaryPrimitives.ReadSingleLittleEndian(s[o..]);

        public double F64(ReadOnlySpan<byte> s, int o) => big ? BinaryPrimitives.ReadDoubleBigEndian(s[o..]) : BinaryPrimitives.ReadDoubleLittleEndian(s[o..]);
    }
}
