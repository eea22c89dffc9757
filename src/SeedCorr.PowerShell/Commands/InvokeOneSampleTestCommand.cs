using System.Management.Automation;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Statistics;
using SeedCorr.Core.Study;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Tests subjects' Fisher z maps against zero, voxel by voxel (one-sample t, optional sign-flip permutations, FDR, clusters), and writes the group maps.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "OneSampleTest", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(GroupTestResult))]
public sealed class InvokeOneSampleTestCommand : FileReaderCmdlet
{
    private const string ResultSet = "Result";
    private readonly List<string> _files = [];
    private readonly List<SeedToVoxelRunResult> _results = [];

    /// <summary>Run results of Invoke-SeedToVoxel (by pipeline): their Fisher z maps of -SeedName are tested; failed runs are left out.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ResultSet)]
    [ValidateNotNull]
    public SeedToVoxelRunResult[] InputObject { get; set; } = [];

    /// <summary>With run results: the seed to test, as named in the outputs (PCC; DMN_PCC for region PCC of atlas DMN). Wildcards allowed; needed when the runs have several seeds.</summary>
    [Parameter(ParameterSetName = ResultSet, Position = 0)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string? SeedName { get; set; }

    /// <summary>The folder that receives group/ (created when missing).</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>A group mask on the maps' grid (non-zero = in); default: voxels finite and non-zero in every map.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? MaskImage { get; set; }

    /// <summary>The alternative: Two (default, mean ≠ 0), Positive (mean &gt; 0), Negative (mean &lt; 0).</summary>
    [Parameter]
    public Tail Tail { get; set; } = Tail.Two;

    /// <summary>Sign flips for max-t family-wise p values (e.g. 10000); 0 (default) for none. All 2^n flips are enumerated when that is not more.</summary>
    [Parameter]
    [ValidateRange(0, 10_000_000)]
    public int Permutations { get; set; }

    /// <summary>Seed of the random sign flips (default 0): the same seed gives the same p values.</summary>
    [Parameter]
    public int Seed { get; set; }

    /// <summary>Benjamini–Hochberg FDR level q (e.g. 0.05): adds the threshold and a thresholded t map.</summary>
    [Parameter]
    public double? Fdr { get; set; }

    /// <summary>Cluster-forming threshold on t (e.g. 3.1): adds the _clusters.tsv table.</summary>
    [Parameter]
    public double? ClusterThreshold { get; set; }

    /// <summary>Threads for the permutations (default: all cores).</summary>
    [Parameter]
    [ValidateRange(0, 1024)]
    public int ThrottleLimit { get; set; }

    /// <summary>Do not replace existing outputs: fail with FileExists instead.</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>Replace existing outputs even when they are read-only.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override string NotFoundErrorId => ErrorIds.NiftiFileNotFound;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == ResultSet)
        {
            _results.AddRange(InputObject.Where(r => r is not null));
        }
        else
        {
            _files.AddRange(ResolvedFiles());
        }
    }

    /// <summary>The Fisher z maps of the chosen seed in the run results; false (with the error written) when the seed is not clear.</summary>
    private bool AddResultMaps()
    {
        var usable = _results.Where(r => r.Status != RunStatus.Failed).ToList();
        foreach (var failed in _results.Where(r => r.Status == RunStatus.Failed))
        {
            WriteWarning($"{failed.SourceEntities} failed in Invoke-SeedToVoxel and is left out: {failed.Error}");
        }

        var seeds = usable.SelectMany(r => r.Maps.Select(m => m.Seed)).Distinct(StringComparer.Ordinal).ToList();
        var pattern = SeedName is null ? null : new WildcardPattern(SeedName, WildcardOptions.IgnoreCase);
        var chosen = pattern is null ? seeds : seeds.Where(pattern.IsMatch).ToList();
        if (chosen.Count != 1)
        {
            var message = chosen.Count == 0
                ? $"no seed of the runs matches -SeedName '{SeedName}'; the seeds are: {string.Join(", ", seeds)}"
                : $"the runs have {chosen.Count} seeds{(SeedName is null ? string.Empty : $" matching '{SeedName}'")} ({string.Join(", ", chosen)}): a group test takes one";
            WriteError(ErrorRecords.Create(ErrorIds.GroupMixedSeeds, ErrorCategory.InvalidArgument, SeedName, message,
                "Name one seed with -SeedName (e.g. -SeedName PCC), as the maps are named (desc-<seed>; <atlas>_<region> for atlas seeds)."));
            return false;
        }

        _files.AddRange(usable.SelectMany(r => r.Maps.Where(m => m.Seed == chosen[0]).Select(m => m.FisherZMap)));
        return true;
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (ParameterSetName == ResultSet && !AddResultMaps())
        {
            return;
        }

        var options = new GroupTestOptions
        {
            Tail = Tail, Permutations = Permutations, Seed = Seed, Fdr = Fdr, ClusterThreshold = ClusterThreshold, MaxDegreeOfParallelism = ThrottleLimit,
        };
        var outDir = PathResolver.ResolveForWrite(this, OutputDirectory);
        string? mask = null;
        if (outDir is null || (MaskImage is not null && (mask = PathResolver.ResolveExisting(this, MaskImage, literal: false).FirstOrDefault()) is null))
        {
            return;
        }

        try
        {
            GroupOneSampleAnalysis.Validate(options);
            var reading = new CmdletProgress(this, 1, "Invoke-OneSampleTest", $"Reading {_files.Count} subject maps");
            var set = RunCancellable(ct => GroupMapInput.Load(_files, mask, reading, ct));
            reading.Complete();
            if (set.DroppedNonFinite > 0)
            {
                WriteWarning($"{set.DroppedNonFinite} voxel(s) of the mask image were left out because some map is NaN or infinite there.");
            }

            var targets = GroupOutputNames.All(outDir, set, options);
            var existing = targets.Where(File.Exists).ToList();
            if (existing.Count > 0 && NoClobber)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.FileExists, ErrorCategory.ResourceExists, existing[0],
                    $"{existing.Count} output(s) already exist, e.g. '{existing[0]}', and -NoClobber was given.", "Choose another -OutputDirectory, or drop -NoClobber to replace them."));
            }

            var what = $"Write {targets.Count} group files of seed '{set.Entities["desc"]}' ({set.Subjects.Count} subjects, {set.Voxels} voxels{(Permutations > 0 ? $", {Permutations} permutations" : string.Empty)})";
            if (!ShouldProcess(GroupOutputNames.Folder(outDir), what))
            {
                return;
            }

            if (Force)
            {
                foreach (var file in existing.Select(f => new FileInfo(f)).Where(f => f.IsReadOnly))
                {
                    file.IsReadOnly = false;
                }
            }

            var progress = new CmdletProgress(this, 1, "Invoke-OneSampleTest", $"Sign flips of {set.Subjects.Count} subjects over {set.Voxels} voxels");
            var result = RunCancellable(ct => GroupOneSampleAnalysis.Run(set, options, outDir, overwrite: true, progress, ct));
            progress.Complete();
            foreach (var file in result.Files)
            {
                WriteVerbose($"Wrote {file}");
            }

            WriteObject(result);
        }
        catch (GroupStatisticsException ex)
        {
            WriteError(ErrorRecords.FromGroup(ex));
        }
        catch (NiftiException ex)
        {
            WriteError(ErrorRecords.FromNifti(ex, ex.FilePath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(ErrorRecords.Create(ErrorIds.NiftiWriteFailed, ErrorCategory.WriteError, outDir, $"{outDir}: {ex.Message}", "Check that the folder is writable.", ex));
        }
    }
}
