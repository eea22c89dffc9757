using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Signal;

namespace SeedCorr.Core.Masking;

/// <summary>
/// nilearn's NiftiSpheresMasker: for each seed (world mm, through the image's best affine) the voxels whose centres
/// lie within the radius (inclusive), plus the nearest voxel (index rounded half to even) so that a small sphere is
/// never empty; the signal is the plain mean of the raw data over those voxels at each time point. nilearn also adds
/// a voxel whose truncated world coordinates equal the truncated seed; that is a defect we do not copy
/// (docs/nilearn-differences.md).
/// </summary>
public sealed class SphereMasker : ISignalMasker
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
            throw new MaskingException(MaskingErrorKind.InvalidParameter,
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

    /// <summary>
    /// The mean signal of each sphere: a T × seeds matrix. Non-finite values inside a sphere count as 0 (nilearn's
    /// behaviour), reported in <paramref name="warnings"/>.
    /// </summary>
    public SignalMatrix Transform(NiftiImage image, List<string> warnings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(warnings);
        RequireVolumes(image.Rank, image.Shape);

        var offsets = FileOffsets(image.Shape, image.Affine);
        var t = image.VolumeCount;
        var vol = image.VolumeSize;
        var result = new float[t * offsets.Length];
        var nonFinite = 0;
        for (var ti = 0; ti < t; ti++)
        {
            if (ti % 64 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            nonFinite += MeanOfVolume(image.Data.Span.Slice(ti * vol, vol), offsets, result.AsSpan(ti * offsets.Length, offsets.Length));
        }

        WarnNonFinite(warnings, nonFinite);

        return new SignalMatrix(t, offsets.Length, result)
        {
            RepetitionTime = image.RepetitionTime,
            Source = image.Path,
            Masker = this,
        };
    }

    /// <summary>
    /// <see cref="Transform(NiftiImage, List{string}, CancellationToken)"/> on a file, reading one volume at a time: the
    /// 4D image is never held, and the values are the same to the bit.
    /// </summary>
    public SignalMatrix TransformFile(string path, List<string> warnings, NiftiReadOptions? readOptions = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        using var reader = NiftiReader.OpenVolumes(path, readOptions);
        RequireVolumes(reader.Header.Rank, reader.Shape);

        var offsets = FileOffsets(reader.Shape, reader.Header.BestAffine);
        var t = reader.VolumeCount;
        var result = new float[t * offsets.Length];
        var volume = new float[reader.VolumeSize];
        var nonFinite = 0;
        for (var ti = 0; ti < t; ti++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            reader.ReadVolume(volume);
            nonFinite += MeanOfVolume(volume, offsets, result.AsSpan(ti * offsets.Length, offsets.Length));
            progress?.Report((double)(ti + 1) / t);
        }

        WarnNonFinite(warnings, nonFinite);

        return new SignalMatrix(t, offsets.Length, result) { RepetitionTime = reader.Header.RepetitionTime, Source = Path.GetFullPath(path), Masker = this };
    }

    /// <summary>nilearn's warning for non-finite values inside the spheres, when there were any.</summary>
    internal static void WarnNonFinite(List<string> warnings, int count)
    {
        if (count > 0)
        {
            warnings.Add($"{count} non-finite values (NaN or infinity) inside the spheres were counted as 0, as nilearn does.");
        }
    }

    private static void RequireVolumes(int rank, IEnumerable<int> shape)
    {
        if (rank is < 3 or > 4)
        {
            throw new MaskingException(MaskingErrorKind.WrongDimensions, $"a sphere masker needs a 3D or 4D image, not {rank}D ({string.Join('x', shape)})");
        }
    }

    /// <summary>The voxels of each sphere as file (F-order) offsets into a volume, in nilearn's (C) order.</summary>
    internal int[][] FileOffsets(IReadOnlyList<int> shape, Affine affine)
    {
        int nx = shape[0], ny = shape[1], nz = shape[2];
        return SelectVoxels(shape, affine)
            .Select(sphere => sphere.Select(c => { int k = c % nz, j = c / nz % ny, i = c / (ny * nz); return i + (nx * (j + (ny * k))); }).ToArray())
            .ToArray();
    }

    /// <summary>
    /// One time point: the mean of each sphere's raw values (float64 sum, non-finite counted as 0) into
    /// <paramref name="row"/>; returns how many non-finite values were met. Shared by the in-memory and streaming paths.
    /// </summary>
    internal static int MeanOfVolume(ReadOnlySpan<float> volume, int[][] offsets, Span<float> row)
    {
        var nonFinite = 0;
        for (var s = 0; s < offsets.Length; s++)
        {
            double sum = 0;
            foreach (var o in offsets[s])
            {
                var v = volume[o];
                if (float.IsFinite(v))
                {
                    sum += v;
                }
                else
                {
                    nonFinite++;
                }
            }

            row[s] = (float)(sum / offsets[s].Length);
        }

        return nonFinite;
    }

    /// <inheritdoc />
    public string Description => ToString();

    /// <inheritdoc />
    public override string ToString() =>
        $"SphereMasker {Seeds.Count} seed{(Seeds.Count == 1 ? string.Empty : "s")} {string.Join(' ', Seeds)} radius {Radius.ToString(System.Globalization.CultureInfo.InvariantCulture)}mm";
}
