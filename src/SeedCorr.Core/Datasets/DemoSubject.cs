using System.Globalization;
using System.IO.Compression;
using System.Text;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.IO;
using SeedCorr.Core.Nifti;

namespace SeedCorr.Core.Datasets;

/// <summary>The size of a synthetic subject: grid, voxel size, origin, volumes, TR.</summary>
/// <param name="Shape">Voxels along x, y, z.</param>
/// <param name="VoxelSize">Isotropic voxel size in mm.</param>
/// <param name="Origin">World coordinates (mm) of voxel (0, 0, 0).</param>
/// <param name="Volumes">Number of volumes.</param>
/// <param name="RepetitionTime">Seconds between volumes.</param>
public sealed record DemoSubjectSize(int[] Shape, double VoxelSize, WorldPoint Origin, int Volumes, double RepetitionTime)
{
    /// <summary>nilearn's development fMRI subject: 50×59×50 at 4 mm, origin (−96, −132, −78), 168 volumes, TR 2 s.</summary>
    public static DemoSubjectSize Development { get; } = new([50, 59, 50], 4, new WorldPoint(-96, -132, -78), 168, 2);

    /// <summary>MNI 2 mm (91×109×91, origin (−90, −126, −72)) with the given number of volumes (300, or 1200 for HCP size).</summary>
    public static DemoSubjectSize Mni2mm(int volumes) => new([91, 109, 91], 2, new WorldPoint(-90, -126, -72), volumes, 2);

    /// <summary>A folder-safe name: dev-50x59x50x168.</summary>
    public string Name => $"{(VoxelSize == 4 ? "dev" : $"{VoxelSize.ToString(CultureInfo.InvariantCulture)}mm")}-{string.Join('x', Shape)}x{Volumes}";

    /// <summary>"50x59x50x168, 4 mm, TR 2 s" (a record would print the shape array's type name).</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{string.Join('x', Shape)}x{Volumes}, {VoxelSize} mm, TR {RepetitionTime} s");
}

/// <summary>The files of a synthetic subject, and where its planted networks are.</summary>
public sealed record DemoSubject(string Directory, string Func, string Confounds, string FullConfounds, DemoSubjectSize Size)
{
    /// <summary>Centres (MNI mm) of the planted default-mode network: posterior cingulate, medial prefrontal, left and right angular gyrus.</summary>
    public static IReadOnlyList<WorldPoint> DefaultModeNetwork { get; } =
        [new(0, -52, 22), new(0, 52, -6), new(-46, -68, 32), new(46, -68, 32)];

    /// <summary>Radius (mm) of each planted region's core (the signal falls off smoothly beyond it).</summary>
    public const double RegionRadius = 10;

    /// <summary>"demo subject 50x59x50x168, 4 mm, TR 2 s in &lt;folder&gt;": what <c>"$data"</c> shows in PowerShell.</summary>
    public override string ToString() => $"demo subject {Size} in {Directory}";
}

/// <summary>
/// Makes a deterministic synthetic fMRI subject shaped like nilearn's development subject (or bigger, for
/// benchmarks): a brain-shaped head on a zero background, a planted default-mode network plus three other independent
/// networks (sensorimotor, visual, auditory), physiological noise in CSF and white matter, drift, and head motion that
/// leaks into the data; with an fMRIPrep-style reduced confounds TSV (the example's 15 columns) and a full one with
/// fMRIPrep's n/a in row 1. Same seed, same bytes.
/// </summary>
public static class DemoSubjectGenerator
{
    private const int FormatVersion = 1;

    /// <summary>The default cache folder: $SEEDCORR_CACHE, else the user's local application data /SeedCorr/demo.</summary>
    public static string DefaultCacheDirectory =>
        Environment.GetEnvironmentVariable("SEEDCORR_CACHE") is { Length: > 0 } env
            ? env
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create) is { Length: > 0 } local
                ? local : Path.GetTempPath(), "SeedCorr", "demo");

    /// <summary>Returns the subject in <paramref name="cacheDirectory"/>, generating it the first time (or with <paramref name="force"/>).</summary>
    public static DemoSubject Get(DemoSubjectSize size, string? cacheDirectory = null, bool force = false, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(size);
        var dir = Path.Combine(cacheDirectory ?? DefaultCacheDirectory, $"{size.Name}-v{FormatVersion}");
        var subject = new DemoSubject(dir,
            Path.Combine(dir, "sub-demo01_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz"),
            Path.Combine(dir, "sub-demo01_task-pixar_desc-reducedConfounds_regressors.tsv"),
            Path.Combine(dir, "sub-demo01_task-pixar_desc-confounds_regressors.tsv"),
            size);
        var complete = Path.Combine(dir, ".complete");
        if (!force && File.Exists(complete) && File.Exists(subject.Func) && File.Exists(subject.Confounds) && File.Exists(subject.FullConfounds))
        {
            return subject;
        }

        Directory.CreateDirectory(dir);
        File.Delete(complete);
        Generate(subject, progress, cancellationToken);
        // Written last: a folder without it (an interrupted generation) is generated again.
        AtomicFile.Write(complete, s => s.Write(Encoding.ASCII.GetBytes($"SeedCorr demo subject v{FormatVersion}\n")), overwrite: true, cancellationToken);
        return subject;
    }

    private static void Generate(DemoSubject subject, IProgress<double>? progress, CancellationToken ct)
    {
        var size = subject.Size;
        int nx = size.Shape[0], ny = size.Shape[1], nz = size.Shape[2], nt = size.Volumes;
        var v = size.VoxelSize;
        var affine = Affine.Diagonal(v, v, v, size.Origin.X, size.Origin.Y, size.Origin.Z);
        var rng = new Random(20240418);

        // Time courses: band-limited (≈0.01–0.1 Hz at TR 2 s) networks, physiological noise, drift, motion.
        var networks = Enumerable.Range(0, 4).Select(_ => BandLimited(rng, nt, size.RepetitionTime)).ToArray();
        var csfNoise = BandLimited(rng, nt, size.RepetitionTime, 0.08, 0.24);
        var wmNoise = BandLimited(rng, nt, size.RepetitionTime, 0.005, 0.05);
        var motion = Enumerable.Range(0, 6).Select(m => RandomWalk(rng, nt, m < 3 ? 0.03 : 0.0006)).ToArray(); // mm, rad
        var drift = Enumerable.Range(0, nt).Select(t => (double)t / nt).ToArray();

        // Regions: each network's centres (MNI mm).
        WorldPoint[][] regions =
        [
            [.. DemoSubject.DefaultModeNetwork],
            [new(-38, -22, 56), new(38, -22, 56), new(0, -10, 60)],   // sensorimotor
            [new(0, -86, 4), new(-20, -92, 0), new(20, -92, 0)],      // visual
            [new(-54, -18, 8), new(54, -18, 8)],                      // auditory
        ];

        var data = new float[(long)nx * ny * nz * nt];
        var volume = nx * ny * nz;
        var noiseRng = new Random(7);
        for (var k = 0; k < nz; k++)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Report(0.8 * k / nz);
            for (var j = 0; j < ny; j++)
            {
                for (var i = 0; i < nx; i++)
                {
                    var (x, y, z) = affine.Apply(i, j, k);
                    // Brain: an ellipsoid the size of an adult brain in MNI space; a 6 mm scalp shell around it.
                    var brain = Ellipsoid(x, y, z, 0, -18, 8, 68, 86, 74);
                    var head = Ellipsoid(x, y, z, 0, -18, 8, 76, 94, 84);
                    if (head > 1)
                    {
                        continue; // background stays exactly 0
                    }

                    var inBrain = brain <= 1;
                    var csf = inBrain && Ellipsoid(x, y, z, 0, -14, 14, 10, 30, 16) <= 1; // ventricles
                    var weights = regions.Select(net => net.Max(c => Falloff(x, y, z, c))).ToArray();
                    // Deep tissue is white matter, except where a planted region reaches (those are grey matter).
                    var wm = inBrain && !csf && brain < 0.3 && weights.Max() < 0.05;
                    var baseline = !inBrain ? 300 : csf ? 1400 : wm ? 700 : 1000;
                    var f = i + (nx * (j + (ny * k)));
                    // A spatial gradient through which motion leaks into the signal (strongest at the edges).
                    var edge = Math.Clamp(brain, 0, 1.2);
                    for (var t = 0; t < nt; t++)
                    {
                        double s = 1;
                        if (inBrain && !csf && !wm)
                        {
                            for (var n = 0; n < networks.Length; n++)
                            {
                                s += 0.02 * weights[n] * networks[n][t];
                            }
                        }

                        s += csf ? 0.02 * csfNoise[t] : wm ? 0.01 * wmNoise[t] : 0.003 * csfNoise[t];
                        s += 0.02 * drift[t];
                        s += edge * ((0.4 * motion[0][t]) + (0.3 * motion[1][t]) + (0.3 * motion[2][t]) + (12 * motion[3][t]));
                        s += 0.02 * Gaussian(noiseRng);
                        data[((long)t * volume) + f] = (float)(baseline * s);
                    }
                }
            }
        }

        var header = new NiftiHeader { SformCode = 4, QformCode = 4, DescripBytes = [.. Encoding.ASCII.GetBytes("SeedCorr synthetic demo subject")] };
        var image = NiftiImage.Create(data, [nx, ny, nz, nt], affine, size.RepetitionTime, header);
        progress?.Report(0.85);
        NiftiWriter.Write(image, subject.Func, new NiftiWriteOptions { Overwrite = true }, ct);

        // Confounds: motion, FD (Power: rotations on a 50 mm sphere), CompCor-like noise components, CSF and WM means.
        var fd = new double[nt];
        for (var t = 1; t < nt; t++)
        {
            for (var m = 0; m < 6; m++)
            {
                fd[t] += Math.Abs(motion[m][t] - motion[m][t - 1]) * (m < 3 ? 1 : 50);
            }
        }

        var compcor = Enumerable.Range(0, 6).Select(c => c switch
        {
            0 => csfNoise,
            1 => wmNoise,
            _ => BandLimited(rng, nt, size.RepetitionTime, 0.01, 0.2),
        }).ToArray();
        var csfMean = Enumerable.Range(0, nt).Select(t => 1400 * (1 + (0.02 * csfNoise[t]) + (0.02 * drift[t]))).ToArray();
        var wmMean = Enumerable.Range(0, nt).Select(t => 700 * (1 + (0.01 * wmNoise[t]) + (0.02 * drift[t]))).ToArray();
        var reducedNames = new[] { "trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z", "framewise_displacement",
            "a_comp_cor_00", "a_comp_cor_01", "a_comp_cor_02", "a_comp_cor_03", "a_comp_cor_04", "a_comp_cor_05", "csf", "white_matter" };
        double[][] reduced = [.. motion, fd, .. compcor, csfMean, wmMean];
        WriteTsv(subject.Confounds, reducedNames, reduced, naFirstRow: []);

        var global = Enumerable.Range(0, nt).Select(t => 950 * (1 + (0.005 * networks[0][t]) + (0.02 * drift[t]))).ToArray();
        var dvars = Enumerable.Range(0, nt).Select(t => t == 0 ? 0 : 10 + (fd[t] * 20)).ToArray();
        var fullNames = new[] { "csf", "white_matter", "global_signal", "std_dvars", "dvars", "framewise_displacement",
            "a_comp_cor_00", "a_comp_cor_01", "a_comp_cor_02", "a_comp_cor_03", "a_comp_cor_04", "a_comp_cor_05",
            "trans_x", "trans_x_derivative1", "trans_y", "trans_y_derivative1", "trans_z", "trans_z_derivative1",
            "rot_x", "rot_x_derivative1", "rot_y", "rot_y_derivative1", "rot_z", "rot_z_derivative1" };
        double[] Derivative(double[] a) => Enumerable.Range(0, nt).Select(t => t == 0 ? 0 : a[t] - a[t - 1]).ToArray();
        double[][] full =
        [
            csfMean, wmMean, global, dvars.Select(d => d / 12).ToArray(), dvars, fd, .. compcor,
            motion[0], Derivative(motion[0]), motion[1], Derivative(motion[1]), motion[2], Derivative(motion[2]),
            motion[3], Derivative(motion[3]), motion[4], Derivative(motion[4]), motion[5], Derivative(motion[5]),
        ];
        WriteTsv(subject.FullConfounds, fullNames, full,
            naFirstRow: fullNames.Where(ConfoundsNa).ToHashSet());
        progress?.Report(1);
    }

    private static bool ConfoundsNa(string name) => Confounds.ConfoundsReader.IsFirstRowDerivative(name);

    private static void WriteTsv(string path, string[] names, double[][] columns, HashSet<string> naFirstRow)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join('\t', names)).Append('\n');
        for (var t = 0; t < columns[0].Length; t++)
        {
            for (var c = 0; c < names.Length; c++)
            {
                if (c > 0)
                {
                    sb.Append('\t');
                }

                sb.Append(t == 0 && naFirstRow.Contains(names[c]) ? "n/a" : columns[c][t].ToString("R", CultureInfo.InvariantCulture));
            }

            sb.Append('\n');
        }

        AtomicFile.Write(path, s => s.Write(Encoding.UTF8.GetBytes(sb.ToString())), overwrite: true);
    }

    /// <summary>(x−cx)²/a² + … : ≤ 1 inside the ellipsoid.</summary>
    private static double Ellipsoid(double x, double y, double z, double cx, double cy, double cz, double a, double b, double c) =>
        (((x - cx) / a) * ((x - cx) / a)) + (((y - cy) / b) * ((y - cy) / b)) + (((z - cz) / c) * ((z - cz) / c));

    /// <summary>1 within the region's core radius, then a Gaussian fall-off.</summary>
    private static double Falloff(double x, double y, double z, WorldPoint c)
    {
        var d = Math.Sqrt(((x - c.X) * (x - c.X)) + ((y - c.Y) * (y - c.Y)) + ((z - c.Z) * (z - c.Z)));
        return d <= DemoSubject.RegionRadius ? 1 : Math.Exp(-((d - DemoSubject.RegionRadius) * (d - DemoSubject.RegionRadius)) / (2 * 6 * 6));
    }

    /// <summary>Unit-variance noise kept between two frequencies by a sum of random-phase sinusoids (deterministic).</summary>
    private static double[] BandLimited(Random rng, int n, double tr, double lo = 0.01, double hi = 0.1)
    {
        var x = new double[n];
        for (var c = 0; c < 24; c++)
        {
            var f = lo + (rng.NextDouble() * (hi - lo));
            var phase = rng.NextDouble() * 2 * Math.PI;
            var amp = 0.5 + rng.NextDouble();
            for (var t = 0; t < n; t++)
            {
                x[t] += amp * Math.Sin((2 * Math.PI * f * t * tr) + phase);
            }
        }

        var mean = x.Average();
        var sd = Math.Sqrt(x.Sum(a => (a - mean) * (a - mean)) / n);
        return x.Select(a => (a - mean) / sd).ToArray();
    }

    private static double[] RandomWalk(Random rng, int n, double step)
    {
        var x = new double[n];
        for (var t = 1; t < n; t++)
        {
            x[t] = (0.97 * x[t - 1]) + (step * Gaussian(rng));
        }

        return x;
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
