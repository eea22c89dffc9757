using SeedCorr.Core.Extraction;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;

namespace SeedCorr.Core.Masking;

/// <summary>
/// nilearn's NiftiSpheresMasker: for each seed (world mm, through the image's best affine) the voxels whose centres
/// lie within the radius (inclusive), plus the nearest voxel (index rounded half to even) so that a small sphere is
/// never empty; the signal is the plain mean of the raw data over those voxels at each time point. nilearn also adds
/// a voxel whose truncated world coordinates equal the truncated seed; that is a defect we do not copy
/// (docs/nilearn-differences.md). Values go back onto the grid of the mask, as nilearn's inverse_transform needs one.
/// </summary>
public sealed class SphereMasker : SignalMasker
{
    /// <summary>Creates a masker for one or more seeds.</summary>
    public SphereMasker(IReadOnlyList<WorldPoint> seeds, double radius, bool allowOverlap = false, NiftiImage? mask = null)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0)
        {
            throw new MaskingException(MaskingErrorKind.InvalidParameter, "give at least one seed");
        }

        if (!double.IsFinite(radius) || radius < 0)
        {
            throw new MaskingException(MaskingErrorKind.InvalidParameter, $"the radius must be a non-negative number of mm, not {radius}");
        }

        if (seeds.Any(s => !double.IsFinite(s.X) || !double.IsFinite(s.Y) || !double.IsFinite(s.Z)))
        {
            throw new MaskingException(MaskingErrorKind.InvalidParameter, "seed coordinates must be finite numbers of mm");
        }

        Seeds = [.. seeds];
        Radius = radius;
        AllowOverlap = allowOverlap;
        Mask = mask;
    }

    /// <summary>Seeds in world mm.</summary>
    public IReadOnlyList<WorldPoint> Seeds { get; }

    /// <inheritdoc />
    public override IReadOnlyList<WorldPoint> SeedPositions => Seeds;

    /// <summary>Radius in mm (inclusive).</summary>
    public double Radius { get; }

    /// <summary>Whether spheres may share voxels.</summary>
    public bool AllowOverlap { get; }

    /// <summary>Optional mask restricting the candidate voxels (same grid as the image).</summary>
    public NiftiImage? Mask { get; }

    /// <summary>
    /// The voxels of each sphere on a grid, as flat C-order indices ((i·ny + j)·nz + k, nilearn's order), ascending.
    /// </summary>
    public int[][] SelectVoxels(IReadOnlyList<int> shape, Affine affine)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(affine);
        int nx = shape[0], ny = shape[1], nz = shape[2];
        bool[]? inMask = null;
        if (Mask is not null)
        {
            MaskGrid.Check(Mask, shape, affine, "the sphere mask");
            inMask = MaskGrid.ToBool(Mask);
        }

        if (!affine.IsFinite || affine.Determinant3 == 0)
        {
            throw new MaskingException(MaskingErrorKind.InvalidAffine,
                $"the image's affine is {(affine.IsFinite ? "singular" : "not finite")}, so world coordinates cannot be mapped to voxels; fix the header's sform/qform");
        }

        var inv = affine.Inverse();
        // Half-extent of the sphere along each voxel axis: radius × the norm of that row of the inverse linear part.
        double Extent(int row) => Radius * Math.Sqrt((inv[row, 0] * inv[row, 0]) + (inv[row, 1] * inv[row, 1]) + (inv[row, 2] * inv[row, 2]));
        var result = new int[Seeds.Count][];
        for (var s = 0; s < Seeds.Count; s++)
        {
            var seed = Seeds[s];
            var (vi, vj, vk) = inv.Apply(seed.X, seed.Y, seed.Z);
            var voxels = new SortedSet<int>();
            int i0 = Math.Max(0, (int)Math.Floor(vi - Extent(0))), i1 = Math.Min(nx - 1, (int)Math.Ceiling(vi + Extent(0)));
            int j0 = Math.Max(0, (int)Math.Floor(vj - Extent(1))), j1 = Math.Min(ny - 1, (int)Math.Ceiling(vj + Extent(1)));
            int k0 = Math.Max(0, (int)Math.Floor(vk - Extent(2))), k1 = Math.Min(nz - 1, (int)Math.Ceiling(vk + Extent(2)));
            for (var i = i0; i <= i1; i++)
            {
                for (var j = j0; j <= j1; j++)
                {
                    for (var k = k0; k <= k1; k++)
                    {
                        if (inMask is not null && !inMask[i + (nx * (j + (ny * k)))])
                        {
                            continue;
                        }

                        var (x, y, z) = affine.Apply(i, j, k);
                        var d = Math.Sqrt(((x - seed.X) * (x - seed.X)) + ((y - seed.Y) * (y - seed.Y)) + ((z - seed.Z) * (z - seed.Z)));
                        if (d <= Radius)
                        {
                            voxels.Add((((i * ny) + j) * nz) + k);
                        }
                    }
                }
            }

            // The nearest voxel (round half to even, as numpy), when it is on the grid (and in the mask).
            int ni = (int)Math.Round(vi), nj = (int)Math.Round(vj), nk = (int)Math.Round(vk);
            if (ni >= 0 && ni < nx && nj >= 0 && nj < ny && nk >= 0 && nk < nz
                && (inMask is null || inMask[ni + (nx * (nj + (ny * nk)))]))
            {
                voxels.Add((((ni * ny) + nj) * nz) + nk);
            }

            if (voxels.Count == 0)
            {
                throw new MaskingException(MaskingErrorKind.EmptySphere,
                    $"the sphere of radius {Radius} mm around seed {s + 1} {seed} contains no voxel: the seed is outside the field of view{(Mask is null ? string.Empty : " or the mask")}");
            }

            result[s] = [.. voxels];
        }

        if (!AllowOverlap)
        {
            for (var a = 0; a < result.Length; a++)
            {
                for (var b = a + 1; b < result.Length; b++)
                {
                    if (result[a].Intersect(result[b]).Any())
                    {
                        throw new MaskingException(MaskingErrorKind.SpheresOverlap,
                            $"the spheres around seeds {a + 1} {Seeds[a]} and {b + 1} {Seeds[b]} share voxels; allow overlap or use a smaller radius");
                    }
                }
            }
        }

        return result;
    }

    /// <summary>The mean of each sphere's raw values, one column per seed (non-finite values counted as 0, as nilearn does).</summary>
    public override VolumeExtractor Bind(IReadOnlyList<int> shape, Affine affine) => new RegionMeans(FileOffsets(shape, affine), "spheres");

    /// <summary>
    /// Puts one value per seed back on the mask's grid (nilearn's inverse_transform): each voxel of a sphere gets its
    /// seed's value, a voxel shared by overlapping spheres the mean of theirs, zero elsewhere. Needs the mask.
    /// </summary>
    public override NiftiImage InverseTransform(ReadOnlySpan<float> values, int rows, bool as3D = false)
    {
        if (Mask is null)
        {
            throw new InvalidOperationException("a sphere masker made without a mask has no grid to put values on; give it a mask (as nilearn's inverse_transform needs mask_img)");
        }

        if (values.Length != (long)rows * Seeds.Count)
        {
            throw new MaskingException(MaskingErrorKind.GridMismatch, $"{values.Length} values do not fill {rows} × {Seeds.Count} seeds");
        }

        var s = Mask.Shape;
        var n = Mask.VolumeSize;
        var spheres = FileOffsets(s, Mask.Affine);
        var covering = new int[n];
        foreach (var o in spheres.SelectMany(sphere => sphere))
        {
            covering[o]++;
        }

        var data = new float[(long)n * rows];
        var sum = new double[n];
        for (var r = 0; r < rows; r++)
        {
            Array.Clear(sum);
            for (var seed = 0; seed < spheres.Length; seed++)
            {
                foreach (var o in spheres[seed])
                {
                    sum[o] += values[(r * spheres.Length) + seed];
                }
            }

            for (var o = 0; o < n; o++)
            {
                if (covering[o] > 0)
                {
                    data[((long)r * n) + o] = (float)(sum[o] / covering[o]);
                }
            }
        }

        int[] shape = as3D && rows == 1 ? [s[0], s[1], s[2]] : [s[0], s[1], s[2], rows];
        return NiftiImage.Create(data, shape, Mask.Affine, null, Mask.Header with { IntentCode = 0, IntentName = string.Empty });
    }

    /// <summary>The voxels of each sphere as file (F-order) offsets into a volume, in nilearn's (C) order.</summary>
    internal int[][] FileOffsets(IReadOnlyList<int> shape, Affine affine)
    {
        int nx = shape[0], ny = shape[1], nz = shape[2];
        return SelectVoxels(shape, affine)
            .Select(sphere => sphere.Select(c => { int k = c % nz, j = c / nz % ny, i = c / (ny * nz); return i + (nx * (j + (ny * k))); }).ToArray())
            .ToArray();
    }

    /// <inheritdoc />
    public override string Description =>
        $"SphereMasker {Seeds.Count} seed{(Seeds.Count == 1 ? string.Empty : "s")} {string.Join(' ', Seeds)} radius {Radius.ToString(System.Globalization.CultureInfo.InvariantCulture)}mm";
}
