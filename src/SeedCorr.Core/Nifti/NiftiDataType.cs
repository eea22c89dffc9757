namespace SeedCorr.Core.Nifti;

/// <summary>NIfTI <c>datatype</c> codes (nifti1.h). Only the real-valued integer and float types are read and written.</summary>
public enum NiftiDataType : short
{
    /// <summary>DT_UNKNOWN (0): not a valid datatype for an image.</summary>
    Unknown = 0,
    /// <summary>DT_BINARY (1): 1 bit per voxel; not supported.</summary>
    Binary = 1,
    /// <summary>DT_UINT8 (2).</summary>
    UInt8 = 2,
    /// <summary>DT_INT16 (4).</summary>
    Int16 = 4,
    /// <summary>DT_INT32 (8).</summary>
    Int32 = 8,
    /// <summary>DT_FLOAT32 (16).</summary>
    Float32 = 16,
    /// <summary>DT_COMPLEX64 (32); not supported.</summary>
    Complex64 = 32,
    /// <summary>DT_FLOAT64 (64).</summary>
    Float64 = 64,
    /// <summary>DT_RGB24 (128); not supported.</summary>
    Rgb24 = 128,
    /// <summary>DT_INT8 (256).</summary>
    Int8 = 256,
    /// <summary>DT_UINT16 (512).</summary>
    UInt16 = 512,
    /// <summary>DT_UINT32 (768).</summary>
    UInt32 = 768,
    /// <summary>DT_INT64 (1024).</summary>
    Int64 = 1024,
    /// <summary>DT_UINT64 (1280).</summary>
    UInt64 = 1280,
    /// <summary>DT_FLOAT128 (1536); not supported.</summary>
    Float128 = 1536,
    /// <summary>DT_COMPLEX128 (1792); not supported.</summary>
    Complex128 = 1792,
    /// <summary>DT_COMPLEX256 (2048); not supported.</summary>
    Complex256 = 2048,
    /// <summary>DT_RGBA32 (2304); not supported.</summary>
    Rgba32 = 2304,
}

/// <summary>Sizes, names and support status of <see cref="NiftiDataType"/> codes.</summary>
public static class NiftiDataTypes
{
    /// <summary>Bits per voxel the standard defines for a code, or 0 for a code the standard does not define.</summary>
    public static int BitsPerVoxel(NiftiDataType type) => type switch
    {
        NiftiDataType.Binary => 1,
        NiftiDataType.UInt8 or NiftiDataType.Int8 => 8,
        NiftiDataType.Int16 or NiftiDataType.UInt16 => 16,
        NiftiDataType.Rgb24 => 24,
        NiftiDataType.Int32 or NiftiDataType.UInt32 or NiftiDataType.Float32 or NiftiDataType.Rgba32 => 32,
        NiftiDataType.Int64 or NiftiDataType.UInt64 or NiftiDataType.Float64 or NiftiDataType.Complex64 => 64,
        NiftiDataType.Float128 or NiftiDataType.Complex128 => 128,
        NiftiDataType.Complex256 => 256,
        _ => 0,
    };

    /// <summary>True for the real-valued types this library reads and writes (uint8 … float64, int64, uint64).</summary>
    public static bool IsSupported(NiftiDataType type) => type is
        NiftiDataType.UInt8 or NiftiDataType.Int8 or NiftiDataType.Int16 or NiftiDataType.UInt16 or
        NiftiDataType.Int32 or NiftiDataType.UInt32 or NiftiDataType.Int64 or NiftiDataType.UInt64 or
        NiftiDataType.Float32 or NiftiDataType.Float64;

    /// <summary>True for the integer types (which take scl_slope/scl_inter when written from float data).</summary>
    public static bool IsInteger(NiftiDataType type) => IsSupported(type) && type is not (NiftiDataType.Float32 or NiftiDataType.Float64);

    /// <summary>Lower-case numpy-style name (<c>float32</c>, <c>uint8</c>), or <c>code N</c> for an unknown code.</summary>
    public static string Name(NiftiDataType type) => type switch
    {
        NiftiDataType.Unknown => "unknown",
        NiftiDataType.Binary => "binary",
        NiftiDataType.UInt8 => "uint8",
        NiftiDataType.Int8 => "int8",
        NiftiDataType.Int16 => "int16",
        NiftiDataType.UInt16 => "uint16",
        NiftiDataType.Int32 => "int32",
        NiftiDataType.UInt32 => "uint32",
        NiftiDataType.Int64 => "int64",
        NiftiDataType.UInt64 => "uint64",
        NiftiDataType.Float32 => "float32",
        NiftiDataType.Float64 => "float64",
        NiftiDataType.Float128 => "float128",
        NiftiDataType.Complex64 => "complex64",
        NiftiDataType.Complex128 => "complex128",
        NiftiDataType.Complex256 => "complex256",
        NiftiDataType.Rgb24 => "rgb24",
        NiftiDataType.Rgba32 => "rgba32",
        _ => $"code {(short)type}",
    };

    /// <summary>The smallest and largest value an integer type holds (as double, exact for all but the 64-bit extremes).</summary>
    internal static (double Min, double Max) IntegerRange(NiftiDataType type) => type switch
    {
        NiftiDataType.UInt8 => (byte.MinValue, byte.MaxValue),
        NiftiDataType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
        NiftiDataType.Int16 => (short.MinValue, short.MaxValue),
        NiftiDataType.UInt16 => (ushort.MinValue, ushort.MaxValue),
        NiftiDataType.Int32 => (int.MinValue, int.MaxValue),
        NiftiDataType.UInt32 => (uint.MinValue, uint.MaxValue),
        NiftiDataType.Int64 => (long.MinValue, long.MaxValue),
        NiftiDataType.UInt64 => (ulong.MinValue, ulong.MaxValue),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an integer datatype"),
    };
}
