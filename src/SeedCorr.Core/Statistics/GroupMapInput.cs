using SeedCorr.Core.Bids;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;

namespace SeedCorr.Core.Statistics;

/// <summary>One subject-level map file and the BIDS entities of its name.</summary>
/// <param name="Path">The file.</param>
/// <param name="Entities">key → label of the name's entities (sub, ses, task, run, space, atlas, stat, desc, …).</param>
/// <param name="Suffix">The last part of the name (e.g. boldmap).</param>
public sealed record GroupMapFile(string Path, IReadOnlyDictionary<string, string> Entities, string Suffix)
{
    /// <summary>The sub- label.</summary>
    public string Subject => Entities["sub"];

    /// <summary>The label of an entity, or null.</summary>
    public string? Get(string key) => Entities.TryGetValue(key, out var v) ? v : null;

    /// <summary>Reads the entities of a file name with the shared BIDS parser (<see cref="BidsFileName"/>).</summary>
    public static GroupMapFile FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!BidsFileName.TryParse(System.IO.Path.GetFileName(path), out var name, out var reason))
        {
            throw new GroupStatisticsException(GroupStatisticsErrorKind.NameNotUnderstood,
                $"{path}: not a BIDS file name ({reason}), so its subject and seed are unknown (expected e.g. sub-01_task-rest_space-MNI152NLin2009cAsym_stat-fisherz_desc-PCC_boldmap.nii.gz)", path);
        }

        var entities = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in name.Entities)
        {
            entities.TryAdd(key, value);
        }

        var suffix = name.Suffix;
        if (!entities.ContainsKey("sub"))
        {
            throw new GroupStatisticsException(GroupStatisticsErrorKind.NameNotUnderstood,
                $"{path}: the file name has no sub-<label> entity, so its subject is unknown (expected e.g. sub-01_task-rest_space-MNI152NLin2009cAsym_stat-fisherz_desc-PCC_boldmap.nii.gz)", path);
        }

        if (entities.TryGetValue("stat", out var stat) && !string.Equals(stat, "fisherz", StringComparison.OrdinalIgnoreCase))
        {
            throw new GroupStatisticsException(GroupStatisticsErrorKind.NameNotUnderstood,
                $"{path}: the map is stat-{stat}; the group test averages and tests Fisher z maps (stat-fisherz), whose mean is meaningful", path);
        }

        return new GroupMapFile(path, entities, suffix);
    }
}

/// <summary>The subjects' maps on one grid, inside the group mask, each subject's runs averaged.</summary>
public sealed class GroupMapSet
{
    internal GroupMapSet(IReadOnlyList<string> subjects, IReadOnlyList<IReadOnlyList<string>> runs, double[][] data, int[] maskIndex, int[] shape, Affine affine, NiftiHeader template, IReadOnlyDictionary<string, string?> entities, int droppedNonFinite)
    {
        Subjects = subjects;
        Runs = runs;
        Data = data;
        MaskIndex = maskIndex;
        Shape = shape;
        Affine = affine;
        Template = template;
        Entities = entities;
        DroppedNonFinite = droppedNonFinite;
    }

    /// <summary>Subject labels (sub- without the prefix), sorted.</summary>
    public IReadOnlyList<string> Subjects { get; }

    /// <summary>The files averaged for each subject (same order as <see cref="Subjects"/>).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Runs { get; }

    /// <summary>Data[subject][mask voxel]: the subject's mean over runs.</summary>
    public IReadOnlyList<double[]> Data { get; }

    /// <summary>File-order index (i fastest) of each mask voxel.</summary>
    public IReadOnlyList<int> MaskIndex { get; }

    /// <summary>The 3D grid shape.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The grid's affine (voxel → world mm).</summary>
    public Affine Affine { get; }

    /// <summary>The first map's header (sform/qform codes) for the outputs.</summary>
    public NiftiHeader Template { get; }

    /// <summary>task, space, atlas and desc (the seed) shared by all maps; null when the names lack them.</summary>
    public IReadOnlyDictionary<string, string?> Entities { get; }

    /// <summary>Voxels of a -MaskImage left out because some map is NaN or infinite there.</summary>
    public int DroppedNonFinite { get; }

    /// <summary>Voxels in the group mask.</summary>
    public int Voxels => MaskIndex.Count;

    /// <summary>Number of map files read.</summary>
    public int RunCount => Runs.Sum(r => r.Count);
}

/// <summary>
/// Reads subject maps for a group test: subjects from the sub- entity, a subject's runs (and sessions) averaged first,
/// one seed, task, space and atlas, one grid (no resampling), and the group mask: the voxels that are finite and
/// non-zero in every map (nilearn's maps are 0 outside each run's brain mask), or a given mask image.
/// </summary>
public static class GroupMapInput
{
    /// <summary>Largest affine difference (mm) still taken as the same grid: float32 storage of sform rows.</summary>
    public const double AffineTolerance = 1e-4;

    private static readonly string[] SharedEntities = ["task", "space", "atlas"];

    /// <summary>Reads and checks the maps; see the class summary. Progress (0..1, files read) on the calling thread.</summary>
    public static GroupMapSet Load(IEnumerable<string> paths, string? maskPath = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = paths.Distinct(StringComparer.Ordinal).Select(GroupMapFile.FromPath).ToList();
        CheckSameEntities(files);
        var bySubject = files.GroupBy(f => f.Subject, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (bySubject.Count < 2)
        {
            throw new GroupStatisticsException(GroupStatisticsErrorKind.TooFewSubjects,
                bySubject.Count == 0 ? "no maps were given" : $"all {files.Count} map(s) are of one subject (sub-{bySubject[0].Key}); a one-sample t test needs at least 2 subjects (df = n − 1)");
        }

        int[]? shape = null;
        Affine? affine = null;
        NiftiHeader? template = null;
        string? gridFile = null;
        var sums = new List<double[]>();
        var read = 0;
        var valid = (bool[]?)null;
        foreach (var subject in bySubject)
        {
            double[]? sum = null;
            foreach (var file in subject)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (header, data) = NiftiReader.ReadAsDouble(file.Path, cancellationToken: cancellationToken);
                var fileShape = VolumeShape(header, file.Path);
                if (header.SformCode == 0 && header.QformCode == 0)
                {
                    throw new GroupStatisticsException(GroupStatisticsErrorKind.NoGrid,
                        $"{file.Path}: the header has no spatial grid (sform_code and qform_code are 0), so voxels have no MNI position and cannot be matched to the other maps", file.Path);
                }

                if (shape is null)
                {
                    (shape, affine, template, gridFile) = (fileShape, header.BestAffine, header, file.Path);
                    valid = new bool[data.Length];
                    Array.Fill(valid, true);
                }
                else
                {
                    CheckGrid(shape, affine!, gridFile!, fileShape, header.BestAffine, file.Path);
                }

                var any = false;
                for (var v = 0; v < data.Length; v++)
                {
                    var ok = double.IsFinite(data[v]) && data[v] != 0;
                    any |= ok;
                    valid![v] &= ok;
                }

                if (!any)
                {
                    throw new GroupStatisticsException(GroupStatisticsErrorKind.EmptyMap,
                        $"{file.Path}: the map has no finite, non-zero voxel (all NaN or all 0); was its subject-level run cut short?", file.Path);
                }

                progress?.Report((double)++read / files.Count);
                sum ??= new double[data.Length];
                for (var v = 0; v < data.Length; v++)
                {
                    sum[v] += data[v];
                }
            }

            var runs = subject.Count();
            for (var v = 0; v < sum!.Length; v++)
            {
                sum[v] /= runs;
            }

            sums.Add(sum);
        }

        var dropped = 0;
        var inMask = valid!;
        if (maskPath is not null)
        {
            (inMask, dropped) = ApplyMaskImage(maskPath, shape!, affine!, gridFile!, sums, cancellationToken);
        }

        var maskIndex = Enumerable.Range(0, inMask.Length).Where(v => inMask[v]).ToArray();
        if (maskIndex.Length == 0)
        {
            throw new GroupStatisticsException(GroupStatisticsErrorKind.EmptyMask, maskPath is null
                ? "the maps share no voxel that is finite and non-zero in all of them: the group mask is empty (do the subjects' brain masks overlap?)"
                : $"{maskPath}: the mask selects no voxel where every map is finite", maskPath);
        }

        var matrix = sums.Select(s => maskIndex.Select(v => s[v]).ToArray()).ToArray();
        var entities = SharedEntities.Append("desc").ToDictionary(k => k, k => files[0].Get(k), StringComparer.Ordinal);
        var runLists = bySubject.Select(g => (IReadOnlyList<string>)g.Select(f => f.Path).ToList()).ToList();
        return new GroupMapSet(bySubject.Select(g => g.Key).ToList(), runLists, matrix, maskIndex, shape!, affine!, template!, entities, dropped);
    }

    private static void CheckSameEntities(List<GroupMapFile> files)
    {
        if (files.Count == 0)
        {
            return;
        }

        var seeds = files.Select(f => f.Get("desc") ?? "(none)").Distinct(StringComparer.Ordinal).ToList();
        if (seeds.Count > 1)
        {
            var example = files.First(f => (f.Get("desc") ?? "(none)") != seeds[0]);
            throw new GroupStatisticsException(GroupStatisticsErrorKind.MixedSeeds,
                $"the maps are of {seeds.Count} seeds (desc-{string.Join(", desc-", seeds)}), e.g. {example.Path}; a group test is of one seed's maps", example.Path);
        }

        foreach (var key in SharedEntities)
        {
            var labels = files.Select(f => f.Get(key) ?? "(none)").Distinct(StringComparer.Ordinal).ToList();
            if (labels.Count > 1)
            {
                var example = files.First(f => (f.Get(key) ?? "(none)") != labels[0]);
                throw new GroupStatisticsException(GroupStatisticsErrorKind.MixedEntities,
                    $"the maps differ in {key}- ({string.Join(", ", labels)}), e.g. {example.Path}; test one {key} at a time", example.Path);
            }
        }
    }

    private static int[] VolumeShape(NiftiHeader header, string path)
    {
        var shape = header.Shape;
        if (shape.Length < 3 || shape.Skip(3).Any(d => d != 1))
        {
            throw new GroupStatisticsException(GroupStatisticsErrorKind.NotAVolume,
                $"{path}: the image has shape {string.Join('x', shape)}; a subject map must be one 3D volume (split 4D files, e.g. one volume per seed)", path);
        }

        return [(int)shape[0], (int)shape[1], (int)shape[2]];
    }

    private static void CheckGrid(int[] shape, Affine affine, string gridFile, int[] otherShape, Affine otherAffine, string path)
    {
        if (!shape.SequenceEqual(otherShape) || affine.MaxAbsDifference(otherAffine) > AffineTolerance)
        {
            throw new GroupStatisticsException(GroupStatisticsErrorKind.GridMismatch,
                $"{path} is on a different grid ({string.Join('x', otherShape)}, affine {otherAffine}) from {gridFile} ({string.Join('x', shape)}, affine {affine}); the group test does not resample", path);
        }
    }

    private static (bool[] Mask, int Dropped) ApplyMaskImage(string maskPath, int[] shape, Affine affine, string gridFile, List<double[]> sums, CancellationToken cancellationToken)
    {
        var (header, data) = NiftiReader.ReadAsDouble(maskPath, cancellationToken: cancellationToken);
        CheckGrid(shape, affine, gridFile, VolumeShape(header, maskPath), header.BestAffine, maskPath);
        var mask = new bool[data.Length];
        var dropped = 0;
        for (var v = 0; v < data.Length; v++)
        {
            if (!(double.IsFinite(data[v]) && data[v] != 0))
            {
                continue;
            }

            if (sums.TrueForAll(s => double.IsFinite(s[v])))
            {
                mask[v] = true;
            }
            else
            {
                dropped++;
            }
        }

        return (mask, dropped);
    }
}
