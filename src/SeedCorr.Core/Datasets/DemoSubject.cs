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
        var run = DemoRunSynthesis.Create(subject.Size, seed: 20240418, noiseSeed: 7, spikes: [], new ScaledProgress(progress, 0, 0.8), ct);
        progress?.Report(0.85);
        NiftiWriter.Write(run.Image, subject.Func, new NiftiWriteOptions { Overwrite = true }, ct);

        // The example's 15 columns, and a fuller table with fMRIPrep's n/a in row 1 of FD, DVARS and the derivatives.
        var motion = run.Motion;
        var reducedNames = new[] { "trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z", "framewise_displacement",
            "a_comp_cor_00", "a_comp_cor_01", "a_comp_cor_02", "a_comp_cor_03", "a_comp_cor_04", "a_comp_cor_05", "csf", "white_matter" };
        double[][] reduced = [.. motion, run.FramewiseDisplacement, .. run.CompCor, run.CsfMean, run.WhiteMatterMean];
        WriteTsv(subject.Confounds, reducedNames, reduced, naFirstRow: []);

        var fullNames = new[] { "csf", "white_matter", "global_signal", "std_dvars", "dvars", "framewise_displacement",
            "a_comp_cor_00", "a_comp_cor_01", "a_comp_cor_02", "a_comp_cor_03", "a_comp_cor_04", "a_comp_cor_05",
            "trans_x", "trans_x_derivative1", "trans_y", "trans_y_derivative1", "trans_z", "trans_z_derivative1",
            "rot_x", "rot_x_derivative1", "rot_y", "rot_y_derivative1", "rot_z", "rot_z_derivative1" };
        var d = DemoConfoundColumns.Derivative;
        double[][] full =
        [
            run.CsfMean, run.WhiteMatterMean, run.GlobalSignal, run.Dvars.Select(v => v / 12).ToArray(), run.Dvars, run.FramewiseDisplacement, .. run.CompCor,
            motion[0], d(motion[0]), motion[1], d(motion[1]), motion[2], d(motion[2]),
            motion[3], d(motion[3]), motion[4], d(motion[4]), motion[5], d(motion[5]),
        ];
        WriteTsv(subject.FullConfounds, fullNames, full,
            naFirstRow: fullNames.Where(Confounds.ConfoundsReader.IsFirstRowDerivative).ToHashSet());
        progress?.Report(1);
    }

    private static void WriteTsv(string path, string[] names, double[][] columns, HashSet<string> naFirstRow) =>
        AtomicFile.Write(path, s => s.Write(Encoding.UTF8.GetBytes(DemoConfoundColumns.ToTsv(names, columns, naFirstRow))), overwrite: true);
}
