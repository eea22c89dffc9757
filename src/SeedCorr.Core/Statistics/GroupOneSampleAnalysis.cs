using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using SeedCorr.Core.IO;
using SeedCorr.Core.Nifti;

namespace SeedCorr.Core.Statistics;

/// <summary>
/// The group answer for one seed: the one-sample t test of the subjects' mean Fisher z maps (effect, t, p, z), the
/// optional sign-flip max-t FWE p map, Benjamini–Hochberg FDR threshold and thresholded t map, and the cluster table,
/// written to <c>&lt;out&gt;/group/</c> (each file atomically) with JSON sidecars.
/// </summary>
public static class GroupOneSampleAnalysis
{
    /// <summary>NIFTI_INTENT_TTEST: p1 = degrees of freedom.</summary>
    public const int IntentTTest = 3;

    /// <summary>NIFTI_INTENT_ZSCORE.</summary>
    public const int IntentZScore = 5;

    /// <summary>NIFTI_INTENT_PVAL.</summary>
    public const int IntentPValue = 22;

    /// <summary>NIFTI_INTENT_ESTIMATE (the effect: mean Fisher z).</summary>
    public const int IntentEstimate = 1001;

    /// <summary>Runs the test and writes its outputs; <paramref name="overwrite"/> false refuses existing files.</summary>
    public static GroupTestResult Run(GroupMapSet set, GroupTestOptions options, string outputDirectory, bool overwrite, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        Validate(options);
        var test = OneSampleTTest.Compute(set.Data, options.Tail, cancellationToken);
        SignFlipResult? flips = null;
        if (options.Permutations > 0)
        {
            flips = SignFlipPermutation.Run(set.Data, new SignFlipOptions
            {
                Permutations = options.Permutations, Tail = options.Tail, Seed = options.Seed, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
            }, progress, cancellationToken);
        }

        double? fdrP = options.Fdr is { } q ? FalseDiscoveryRate.BenjaminiHochbergThreshold(test.P, q) : null;
        var tVolume = ToVolume(set, test.T);
        var mask = new bool[tVolume.Length];
        foreach (var v in set.MaskIndex)
        {
            mask[v] = true;
        }

        var clusters = options.ClusterThreshold is { } ct
            ? ClusterTable.Find(tVolume, mask, set.Shape, set.Affine, ct, options.Tail)
            : [];
        var peak = PeakIndex(test.T, options.Tail);
        var peakVoxel = set.MaskIndex[peak];
        var (nx, ny) = (set.Shape[0], set.Shape[1]);
        var ijk = new[] { peakVoxel % nx, peakVoxel / nx % ny, peakVoxel / (nx * ny) };
        var world = set.Affine.Apply(ijk[0], ijk[1], ijk[2]);

        Directory.CreateDirectory(GroupOutputNames.Folder(outputDirectory));
        var sidecar = SidecarBase(set, options, test, flips, fdrP, clusters);
        var written = new List<string>();
        void Map(string stat, IReadOnlyList<double> values, int intent, double p1, string intentName, string description)
        {
            var path = GroupOutputNames.StatMap(outputDirectory, set, stat);
            WriteImage(set, values, path, intent, p1, intentName, description, NiftiDataType.Float32, overwrite, cancellationToken);
            written.Add(path);
            var json = GroupOutputNames.Sidecar(path);
            WriteJson(json, sidecar, stat, description, overwrite, cancellationToken);
            written.Add(json);
        }

        var df = test.DegreesOfFreedom;
        Map("effect", test.Mean, IntentEstimate, 0, "mean_fisher_z", "Mean Fisher z over subjects (each subject's runs averaged first)");
        Map("t", test.T, IntentTTest, df, "t", $"One-sample t, df {df}");
        Map("p", test.P, IntentPValue, 0, "p", $"{TailText(options.Tail)} p of the one-sample t (df {df})");
        Map("z", test.Z, IntentZScore, 0, "z", "z of equal p (signed as t)");
        if (flips is not null)
        {
            Map("pfwe", flips.FamilyWiseP, IntentPValue, 0, "p_fwe", $"Max-t family-wise p of {flips.Permutations} sign flips ({TailText(options.Tail)})");
        }

        if (options.Fdr is { } fdrQ)
        {
            var kept = test.T.Select((t, v) => fdrP is { } thr && test.P[v] <= thr ? t : 0).ToArray();
            Map("tfdr", kept, IntentTTest, df, "t", $"t where the p passes Benjamini-Hochberg FDR q={fdrQ.ToString(CultureInfo.InvariantCulture)}, else 0");
        }

        var maskPath = GroupOutputNames.Mask(outputDirectory, set);
        WriteImage(set, Enumerable.Repeat(1.0, set.Voxels).ToArray(), maskPath, 0, 0, string.Empty, "Group mask", NiftiDataType.UInt8, overwrite, cancellationToken);
        written.Add(maskPath);
        if (options.ClusterThreshold is not null)
        {
            var tsv = GroupOutputNames.Clusters(outputDirectory, set);
            WriteClusters(tsv, clusters, overwrite, cancellationToken);
            written.Add(tsv);
        }

        return new GroupTestResult
        {
            Seed = set.Entities["desc"], Task = set.Entities["task"], Space = set.Entities["space"],
            Subjects = set.Subjects.Count, SubjectLabels = set.Subjects, Runs = set.RunCount, Voxels = set.Voxels,
            DegreesOfFreedom = df, Tail = options.Tail, PeakT = test.T[peak], PeakVoxel = ijk, PeakMni = [world.X, world.Y, world.Z],
            Permutations = flips?.Permutations ?? 0, PermutationExact = flips?.Exact ?? false,
            MinFamilyWiseP = flips?.FamilyWiseP.Min(), FamilyWiseThresholdT = flips is null ? null : FamilyWiseThreshold(flips),
            FdrQ = options.Fdr, FdrThresholdP = fdrP,
            FdrThresholdT = fdrP is { } tp ? test.T.Where((_, v) => test.P[v] <= tp).Min(t => Oriented(t, options.Tail)) : null, FdrVoxels = options.Fdr is null ? null : fdrP is { } f ? test.P.Count(p => p <= f) : 0,
            Clusters = clusters, Files = written,
        };
    }

    /// <summary>Checks the options before any work (so -WhatIf and bad values fail fast).</summary>
    public static void Validate(GroupTestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Permutations < 0)
        {
            throw new GroupStatisticsException(GroupStatisticsErrorKind.InvalidParameter, $"-Permutations must be 0 (none) or positive; got {options.Permutations}");
        }

        if (options.Fdr is { } q && !(q > 0 && q < 1))
        {
            throw new GroupStatisticsException(GroupStatisticsErrorKind.InvalidParameter, $"-Fdr must be a level q between 0 and 1 (exclusive), e.g. 0.05; got {q}");
        }

        if (options.ClusterThreshold is { } c && !(c >= 0 && double.IsFinite(c)))
        {
            throw new GroupStatisticsException(GroupStatisticsErrorKind.InvalidParameter, $"-ClusterThreshold must be a t value ≥ 0, e.g. 3.1; got {c}");
        }
    }

    private static string TailText(Tail tail) => tail switch { Tail.Positive => "one-sided (mean > 0)", Tail.Negative => "one-sided (mean < 0)", _ => "two-sided" };

    private static int PeakIndex(IReadOnlyList<double> t, Tail tail)
    {
        var best = 0;
        var bestValue = double.NegativeInfinity;
        for (var v = 0; v < t.Count; v++)
        {
            var value = Oriented(t[v], tail);
            if (value > bestValue)
            {
                (best, bestValue) = (v, value);
            }
        }

        return best;
    }

    private static double Oriented(double t, Tail tail) => tail switch { Tail.Positive => t, Tail.Negative => -t, _ => Math.Abs(t) };

    /// <summary>
    /// M[j] of the ascending maxima with j = N − 1 − ⌊K⌋: a statistic above it is reached by at most ⌊K⌋ flips, where
    /// K = 0.05·(1 + N) − 1 (random flips, p = (1 + count)/(1 + N)) or 0.05·N (exact, p = count/N).
    /// </summary>
    private static double? FamilyWiseThreshold(SignFlipResult flips)
    {
        var n = flips.MaxT.Count;
        var allowed = Math.Floor(flips.Exact ? (0.05 * n) + 1e-9 : (0.05 * (1 + n)) - 1 + 1e-9);
        // Exact enumeration counts the observed data itself (the identity flip), so at least one flip is needed.
        return allowed < (flips.Exact ? 1 : 0) ? null : flips.MaxT[n - 1 - (int)Math.Min(allowed, n - 1)];
    }

    private static double[] ToVolume(GroupMapSet set, IReadOnlyList<double> values)
    {
        var volume = new double[set.Shape[0] * set.Shape[1] * set.Shape[2]];
        for (var n = 0; n < set.MaskIndex.Count; n++)
        {
            volume[set.MaskIndex[n]] = values[n];
        }

        return volume;
    }

    private static void WriteImage(GroupMapSet set, IReadOnlyList<double> values, string path, int intent, double p1, string intentName, string description, NiftiDataType type, bool overwrite, CancellationToken cancellationToken)
    {
        // Outside the mask the maps hold 0, as nilearn's inverse_transform writes them (the mask file says which voxels count).
        var volume = ToVolume(set, values).Select(v => (float)v).ToArray();
        var descrip = Encoding.ASCII.GetBytes(description.Length > 79 ? description[..79] : description);
        var header = set.Template with
        {
            IntentCode = intent, IntentParameters = [p1, 0, 0], IntentName = intentName.Length > 15 ? intentName[..15] : intentName,
            DescripBytes = [.. descrip], CalMin = 0, CalMax = 0,
        };
        var image = NiftiImage.Create(volume, set.Shape, set.Affine, null, header);
        NiftiWriter.Write(image, path, new NiftiWriteOptions { DataType = type, Overwrite = overwrite }, cancellationToken);
    }

    private static Dictionary<string, object?> SidecarBase(GroupMapSet set, GroupTestOptions options, OneSampleTResult test, SignFlipResult? flips, double? fdrP, IReadOnlyList<Cluster> clusters) => new()
    {
        ["Test"] = "one-sample t (random effects) of the mean Fisher z against 0",
        ["Tail"] = options.Tail.ToString(),
        ["DegreesOfFreedom"] = test.DegreesOfFreedom,
        ["Seed"] = set.Entities["desc"],
        ["Subjects"] = set.Subjects.Select((s, n) => new Dictionary<string, object> { ["Subject"] = s, ["Runs"] = set.Runs[n].Select(Path.GetFileName).ToArray() }).ToArray(),
        ["MaskVoxels"] = set.Voxels,
        ["Mask"] = "voxels finite and non-zero in every subject map, or the -MaskImage given (see the _mask.nii.gz file)",
        ["Permutations"] = flips is null ? null : new Dictionary<string, object>
        {
            ["Scheme"] = "sign flipping, max-t family-wise error", ["Flips"] = flips.Permutations, ["Exact"] = flips.Exact, ["Seed"] = options.Seed,
        },
        ["Fdr"] = options.Fdr is null ? null : new Dictionary<string, object?> { ["Method"] = "Benjamini-Hochberg", ["Q"] = options.Fdr, ["ThresholdP"] = fdrP },
        ["ClusterThreshold"] = options.ClusterThreshold is null ? null : new Dictionary<string, object>
        {
            ["StatisticThreshold"] = options.ClusterThreshold, ["Connectivity"] = "6 (faces)", ["Clusters"] = clusters.Count,
        },
        ["Software"] = new Dictionary<string, string?>
        {
            ["Name"] = "SeedCorr",
            ["Version"] = typeof(GroupOneSampleAnalysis).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
            ["MathNet.Numerics"] = typeof(MathNet.Numerics.SpecialFunctions).Assembly.GetName().Version?.ToString(),
        },
    };

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private static void WriteJson(string path, Dictionary<string, object?> content, string stat, string description, bool overwrite, CancellationToken cancellationToken)
    {
        var file = new Dictionary<string, object?>(content) { ["Statistic"] = stat, ["Description"] = description };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(file, JsonOptions);
        AtomicFile.Write(path, s => s.Write(bytes), overwrite, cancellationToken);
    }

    private static void WriteClusters(string path, IReadOnlyList<Cluster> clusters, bool overwrite, CancellationToken cancellationToken)
    {
        var text = new StringBuilder("Cluster ID\tX\tY\tZ\tPeak Stat\tCluster Size (mm3)\tCluster Size (voxels)\tPeak I\tPeak J\tPeak K\n");
        foreach (var c in clusters)
        {
            text.Append(CultureInfo.InvariantCulture, $"{c.Id}\t{c.PeakWorld.X:R}\t{c.PeakWorld.Y:R}\t{c.PeakWorld.Z:R}\t{c.PeakValue:R}\t{c.VolumeMm3}\t{c.Voxels}\t{c.PeakVoxel.I}\t{c.PeakVoxel.J}\t{c.PeakVoxel.K}\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        AtomicFile.Write(path, s => s.Write(bytes), overwrite, cancellationToken);
    }
}
