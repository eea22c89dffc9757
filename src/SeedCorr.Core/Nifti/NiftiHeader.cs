using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using SeedCorr.Core.Geometry;

namespace SeedCorr.Core.Nifti;

/// <summary>Spatial units of <c>xyzt_units</c> (bits 0–2).</summary>
public enum NiftiSpaceUnits
{
    /// <summary>Not set.</summary>
    Unknown = 0,
    /// <summary>Metres.</summary>
    Meter = 1,
    /// <summary>Millimetres.</summary>
    Millimeter = 2,
    /// <summary>Micrometres.</summary>
    Micron = 3,
}

/// <summary>Temporal units of <c>xyzt_units</c> (bits 3–5).</summary>
public enum NiftiTimeUnits
{
    /// <summary>Not set.</summary>
    Unknown = 0,
    /// <summary>Seconds.</summary>
    Second = 8,
    /// <summary>Milliseconds.</summary>
    Millisecond = 16,
    /// <summary>Microseconds.</summary>
    Microsecond = 24,
    /// <summary>Hertz (spectral data: no repetition time).</summary>
    Hertz = 32,
    /// <summary>Parts per million (spectral data).</summary>
    Ppm = 40,
    /// <summary>Radians per second (spectral data).</summary>
    RadiansPerSecond = 48,
}

/// <summary>Where <see cref="NiftiHeader.BestAffine"/> came from.</summary>
public enum AffineSource
{
    /// <summary>srow_x/y/z, because sform_code &gt; 0.</summary>
    Sform,
    /// <summary>The quaternion, because sform_code is 0 and qform_code &gt; 0.</summary>
    Qform,
    /// <summary>Neither code is set: nibabel's Analyze-style base affine (x flipped, origin at the volume centre).</summary>
    Base,
}

/// <summary>
/// Every field of a NIfTI-1 or NIfTI-2 header, widened to the NIfTI-2 types (int64 dims, float64 values), plus the
/// extensions. Immutable; derive a changed header with a <c>with</c> expression.
/// </summary>
public sealed record NiftiHeader
{
    /// <summary>1 or 2.</summary>
    public int Version { get; init; } = 1;

    /// <summary>True when the file was big-endian (data and header). Written files are always little-endian.</summary>
    public bool IsBigEndian { get; init; }

    /// <summary>The magic as text without NULs (<c>n+1</c>, <c>ni1</c>, <c>n+2</c>, <c>ni2</c>).</summary>
    public string Magic { get; init; } = "n+1";

    /// <summary>dim[0..7] exactly as stored (entries past dim[0] are meaningless).</summary>
    public ImmutableArray<long> Dim { get; init; } = [1, 1, 1, 1, 1, 1, 1, 1];

    /// <summary>intent_p1..p3.</summary>
    public ImmutableArray<double> IntentParameters { get; init; } = [0, 0, 0];

    /// <summary>intent_code (NIFTI_INTENT_*: 2 = CORREL, 5 = ZSCORE, …).</summary>
    public int IntentCode { get; init; }

    /// <summary>intent_name (up to 16 bytes).</summary>
    public string IntentName { get; init; } = string.Empty;

    /// <summary>The on-disk datatype.</summary>
    public NiftiDataType DataType { get; init; } = NiftiDataType.Float32;

    /// <summary>bitpix as stored.</summary>
    public int BitPix { get; init; } = 32;

    /// <summary>pixdim[0..7] as stored; pixdim[0] is qfac.</summary>
    public ImmutableArray<double> PixDim { get; init; } = [1, 1, 1, 1, 1, 1, 1, 1];

    /// <summary>vox_offset as stored (a float in NIfTI-1).</summary>
    public double VoxOffset { get; init; } = 352;

    /// <summary>scl_slope as stored.</summary>
    public double SclSlope { get; init; } = 1;

    /// <summary>scl_inter as stored.</summary>
    public double SclInter { get; init; }

    /// <summary>slice_start.</summary>
    public long SliceStart { get; init; }

    /// <summary>slice_end.</summary>
    public long SliceEnd { get; init; }

    /// <summary>slice_code.</summary>
    public int SliceCode { get; init; }

    /// <summary>slice_duration.</summary>
    public double SliceDuration { get; init; }

    /// <summary>xyzt_units as stored.</summary>
    public int XyztUnits { get; init; } = (int)NiftiSpaceUnits.Millimeter | (int)NiftiTimeUnits.Second;

    /// <summary>cal_max.</summary>
    public double CalMax { get; init; }

    /// <summary>cal_min.</summary>
    public double CalMin { get; init; }

    /// <summary>toffset.</summary>
    public double TOffset { get; init; }

    /// <summary>dim_info (freq, phase, slice dimensions in 2-bit fields).</summary>
    public byte DimInfo { get; init; }

    /// <summary>descrip as raw bytes (up to 80).</summary>
    public ImmutableArray<byte> DescripBytes { get; init; } = [];

    /// <summary>aux_file as raw bytes (up to 24).</summary>
    public ImmutableArray<byte> AuxFileBytes { get; init; } = [];

    /// <summary>qform_code (0 unknown, 1 scanner, 2 aligned, 3 talairach, 4 mni, 5 template).</summary>
    public int QformCode { get; init; }

    /// <summary>sform_code.</summary>
    public int SformCode { get; init; }

    /// <summary>quatern_b, quatern_c, quatern_d.</summary>
    public ImmutableArray<double> Quatern { get; init; } = [0, 0, 0];

    /// <summary>qoffset_x, qoffset_y, qoffset_z.</summary>
    public ImmutableArray<double> QOffset { get; init; } = [0, 0, 0];

    /// <summary>srow_x, srow_y, srow_z (12 values, row-major) as stored.</summary>
    public ImmutableArray<double> SRows { get; init; } = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0];

    /// <summary>Header extensions in file order.</summary>
    public ImmutableArray<NiftiExtension> Extensions { get; init; } = [];

    /// <summary>Number of dimensions (dim[0]).</summary>
    public int Rank => (int)Dim[0];

    /// <summary>dim[1..dim[0]].</summary>
    public long[] Shape => Dim.Skip(1).Take(Rank).ToArray();

    /// <summary>descrip as text up to the first NUL (UTF-8 when valid, else Latin-1).</summary>
    public string Descrip => DecodeText(DescripBytes.AsSpan());

    /// <summary>aux_file as text up to the first NUL.</summary>
    public string AuxFile => DecodeText(AuxFileBytes.AsSpan());

    /// <summary>Spatial units.</summary>
    public NiftiSpaceUnits SpaceUnits => (NiftiSpaceUnits)(XyztUnits & 0x07);

    /// <summary>Temporal units.</summary>
    public NiftiTimeUnits TimeUnits => (NiftiTimeUnits)(XyztUnits & 0x38);

    /// <summary>qfac: −1 when pixdim[0] &lt; 0, else +1 (0 counts as +1, as nibabel and niftilib do).</summary>
    public double Qfac => PixDim[0] < 0 ? -1.0 : 1.0;

    /// <summary>Whether scl_slope/scl_inter apply: slope finite and non-zero.</summary>
    public bool HasScaling => double.IsFinite(SclSlope) && SclSlope != 0;

    /// <summary>
    /// The repetition time in seconds: pixdim[4] converted by the time unit (ms ÷ 1000, µs ÷ 10⁶; an unset unit is taken as
    /// seconds); null for fewer than 4 dimensions, for spectral units, or when pixdim[4] is not a positive finite number.
    /// </summary>
    public double? RepetitionTime
    {
        get
        {
            if (Rank < 4)
            {
                return null;
            }

            var raw = Version == 1 ? ShortestFloat32(PixDim[4]) : PixDim[4];
            if (!double.IsFinite(raw) || raw <= 0)
            {
                return null;
            }

            return TimeUnits switch
            {
                NiftiTimeUnits.Millisecond => raw / 1000.0,
                NiftiTimeUnits.Microsecond => raw / 1e6,
                NiftiTimeUnits.Hertz or NiftiTimeUnits.Ppm or NiftiTimeUnits.RadiansPerSecond => null,
                _ => raw,
            };
        }
    }

    /// <summary>The sform matrix built from srow_x/y/z (whatever sform_code says).</summary>
    public Affine Sform => new(SRows);

    /// <summary>The qform matrix built from the quaternion, qoffset, pixdim and qfac (whatever qform_code says), as nibabel's <c>get_qform()</c>.</summary>
    public Affine Qform => QuaternionGeometry.QformFromHeader(Quatern[0], Quatern[1], Quatern[2], QOffset[0], QOffset[1], QOffset[2], PixDim[1], PixDim[2], PixDim[3], Qfac, Version == 2);

    /// <summary>The source nibabel would use for <c>img.affine</c>.</summary>
    public AffineSource BestAffineSource => SformCode > 0 ? AffineSource.Sform : QformCode > 0 ? AffineSource.Qform : AffineSource.Base;

    /// <summary>The voxel-to-world affine exactly as nibabel's <c>img.affine</c>: sform if sform_code &gt; 0, else qform if qform_code &gt; 0, else the base affine.</summary>
    public Affine BestAffine => BestAffineSource switch
    {
        AffineSource.Sform => Sform,
        AffineSource.Qform => Qform,
        _ => BaseAffine,
    };

    /// <summary>
    /// nibabel's Analyze-style fallback when neither code is set: diag(−pixdim1, pixdim2, pixdim3) with the origin at the
    /// volume centre. (The NIfTI standard's "method 1" is diag(pixdim) with no offset; nilearn follows nibabel.)
    /// </summary>
    public Affine BaseAffine
    {
        get
        {
            double Extent(int axis) => axis <= Rank ? Dim[axis] : 1;
            double Zoom(int axis) => axis <= Rank ? PixDim[axis] : 1;
            double zx = -Zoom(1), zy = Zoom(2), zz = Zoom(3);
            return Affine.Diagonal(zx, zy, zz,
                -(Extent(1) - 1) / 2.0 * zx, -(Extent(2) - 1) / 2.0 * zy, -(Extent(3) - 1) / 2.0 * zz);
        }
    }

    /// <summary>
    /// When both qform_code and sform_code are set, the largest difference (mm, over the corners of the grid) between
    /// where the two forms put a voxel; null when only one (or neither) applies. Tools disagree on which to use
    /// (nibabel and nilearn take the sform; SPM and some FSL tools the qform), so a difference means a risky file.
    /// </summary>
    public double? QformSformDisagreement
    {
        get
        {
            if (QformCode <= 0 || SformCode <= 0 || !Sform.IsFinite || !Qform.IsFinite)
            {
                return null;
            }

            var s = Shape;
            double worst = 0;
            foreach (var i in new[] { 0.0, Math.Max(0, (s.Length > 0 ? s[0] : 1) - 1) })
            {
                foreach (var j in new[] { 0.0, Math.Max(0, (s.Length > 1 ? s[1] : 1) - 1) })
                {
                    foreach (var k in new[] { 0.0, Math.Max(0, (s.Length > 2 ? s[2] : 1) - 1) })
                    {
                        var a = Sform.Apply(i, j, k);
                        var b = Qform.Apply(i, j, k);
                        worst = Math.Max(worst, Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)) + ((a.Z - b.Z) * (a.Z - b.Z))));
                    }
                }
            }

            return worst;
        }
    }

    /// <summary>Byte offset of the voxel data in the data file (vox_offset as an integer).</summary>
    public long DataOffset => (long)VoxOffset;

    /// <summary>Total number of voxels (product of dim[1..dim[0]]); checked against overflow when the header is read.</summary>
    public long VoxelCount
    {
        get
        {
            long n = 1;
            for (var a = 1; a <= Rank; a++)
            {
                n = checked(n * Dim[a]);
            }

            return n;
        }
    }

    /// <summary>Bytes of voxel data on disk.</summary>
    public long DataBytes => checked(VoxelCount * (NiftiDataTypes.BitsPerVoxel(DataType) / 8));

    /// <summary>
    /// A float32 field as the decimal a person wrote (0.72, not 0.7200000286): the shortest text that round-trips the
    /// float32, read back as double. Used for user-facing values (TR, voxel size), never for geometry.
    /// </summary>
    internal static double ShortestFloat32(double v) =>
        double.IsFinite(v)
            ? double.Parse(((float)v).ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : v;

    private static string DecodeText(ReadOnlySpan<byte> bytes)
    {
        var nul = bytes.IndexOf((byte)0);
        var text = nul < 0 ? bytes : bytes[..nul];
        try
        {
            return new UTF8Encoding(false, true).GetString(text);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(text);
        }
    }

    /// <summary>A short summary (version, shape, datatype); the fields are properties.</summary>
    public override string ToString() =>
        $"NIfTI-{Version} header {string.Join('x', Shape)} {NiftiDataTypes.Name(DataType)} qform_code={QformCode} sform_code={SformCode}";
}
