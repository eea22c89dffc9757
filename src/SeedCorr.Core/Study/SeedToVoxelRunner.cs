using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SeedCorr.Core.Bids;
using SeedCorr.Core.Confounds;
using SeedCorr.Core.Connectivity;
using SeedCorr.Core.IO;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Signal;

namespace SeedCorr.Core.Study;

/// <summary>Where a study's outputs go and how existing ones are treated.</summary>
/// <param name="Directory">The output folder (the derivative dataset's root).</param>
/// <param name="Force">Redo runs whose outputs are up to date.</param>
/// <param name="Links">BIDS URI names of the input datasets (fMRIPrep root → "preprocessed"), as in dataset_description's DatasetLinks.</param>
public sealed record StudyOutput(string Directory, bool Force = false, IReadOnlyDictionary<string, string>? Links = null)
{
    /// <summary>
    /// Also keep each run's brain in memory (<see cref="SeedToVoxelRunResult.CleanedBrain"/>) for new seeds; the run is then
    /// done even when its outputs are up to date, and it holds a second (unsmoothed) brain matrix while it runs.
    /// </summary>
    public bool KeepBrain { get; init; }
}

/// <summary>
/// nilearn's seed-to-voxel example for one fMRIPrep run and every seed of a study, in one pass over the BOLD file:
/// confounds by strategy (with its sample mask), the brain (the run's mask, smoothed) and every seed extracted in the
/// same streaming read, each cleaned as nilearn's <c>signal.clean</c> (detrend, band-pass, confound regression,
/// z-score), Pearson r of every brain voxel with each seed, and the r and Fisher z maps with JSON sidecars, the design
/// matrix and the seed series written atomically. The seeds table's sidecar is written last with the run's provenance
/// hash: an unchanged run is then skipped.
/// </summary>
public static class SeedToVoxelRunner
{
    private const double ExtractionShare = 0.75;

    private static readonly NiftiWriteOptions MapWriteOptions = new() { Overwrite = true, GzipEncoding = GzipEncoding.ZeroRuns };

    /// <summary>Runs one run; throws the failure's own exception (Nifti, Confounds, Signal, Masking, Seed, Study).</summary>
    public static SeedToVoxelRunResult Run(FmriprepRun run, SeedToVoxelOptions options, StudyOutput output, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var clock = Stopwatch.StartNew();
        var names = new RunOutputNames(output.Directory, run.Name, options);
        try
        {
            var result = RunChecked(run, options, output, names, clock, progress, cancellationToken);
            RunStatusFile.Write(names, run, result, clock.Elapsed);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RunStatusFile.TryWriteFailure(names, run, ex, clock.Elapsed);
            throw;
        }
    }

    private static SeedToVoxelRunResult RunChecked(FmriprepRun run, SeedToVoxelOptions options, StudyOutput output, RunOutputNames names, Stopwatch clock, IProgress<double>? progress, CancellationToken ct)
    {
        if (!run.IsComplete)
        {
            throw new StudyException(StudyErrorKind.RunIncomplete, $"{run.SourceEntities}: {string.Join("; ", run.Problems.Select(p => p.Message))}")
            {
                FilePath = run.Problems[0].File,
            };
        }

        options.Validate();
        var provenance = RunProvenance.Describe(run, options);
        var hash = Provenance.Hash(provenance);
        if (!output.Force && !output.KeepBrain && RunProvenance.CompleteOutputs(names, hash) is { } done)
        {
            var previous = JsonSidecar.Read(names.SeedsSidecar)["SeedCorr"]!.AsObject();
            return new SeedToVoxelRunResult(run, RunStatus.Skipped, clock.Elapsed)
            {
                OutputList = done,
                MapList = [.. names.Maps.Where(m => done.Contains(m.FisherZMap))],
                ProvenanceHash = hash,
                StatusFile = names.Status,
                VolumesRetained = (int?)previous["NumberOfVolumesRetained"],
                CensoredVolumes = (previous["CensoredVolumes"] as JsonArray)?.Count,
                DegreesOfFreedom = previous["DegreesOfFreedom"] is JsonValue d && d.TryGetValue<double>(out var dof) ? dof : null,
                ConfoundCount = (previous["ConfoundColumns"] as JsonArray)?.Count,
            };
        }

        var warnings = new List<string>();
        var header = NiftiReader.ReadHeader(run.BoldPath, options.ReadOptions);
        var shape = header.Shape.Select(d => (int)d).ToArray();
        var affine = header.BestAffine;

        FmriprepConfoundFiles.CheckImageName(run.BoldPath, options.Confounds.Uses(ConfoundComponent.IcaAroma) && options.Confounds.IcaAroma == IcaAromaMode.Full);
        var confounds = ConfoundStrategyLoader.LoadFile(run.ConfoundsPath!, options.Confounds, warnings);
        var mask = NiftiReader.Read(run.MaskPath!, options.ReadOptions, cancellationToken: ct);
        var brain = BrainMasker.FromMask(mask, options.SmoothingFwhm is { } f && f > 0 ? [f] : null);
        var seeds = RunSeedMaskers.Create(options, names, shape, affine, warnings);

        // Kept for new seeds: the raw values of the same voxels, read in the same pass.
        var unsmoothed = output.KeepBrain ? BrainMasker.FromMask(mask) : null;
        var extraction = StreamingExtraction.Run(run.BoldPath, new StreamingExtractionOptions
        {
            Maskers = unsmoothed is null ? [brain, .. seeds.Maskers] : [brain, unsmoothed, .. seeds.Maskers],
            ReadOptions = options.ReadOptions,
        }, Scaled(progress, 0, ExtractionShare), ct);
        warnings.AddRange(extraction.Warnings);

        var tr = RepetitionTime(run, header, warnings);
        var clean = CleanOptions(options, confounds, tr);
        var seedSeries = SignalCleaner.CleanInPlace(seeds.Gather(extraction, tr), clean, ct);
        warnings.AddRange(seedSeries.Warnings.Select(w => "seeds: " + w));
        progress?.Report(ExtractionShare + 0.05);
        var brainSeries = SignalCleaner.CleanInPlace(extraction.SignalsOf(brain), clean, ct);
        progress?.Report(ExtractionShare + 0.15);
        var map = SeedCorrelation.Compute(brainSeries.Signals, seedSeries.Signals, CorrelationMethod.Pearson, ct);

        var kept = confounds.SampleMask ?? Enumerable.Range(0, confounds.Rows).ToArray();
        var censored = Enumerable.Range(0, confounds.Rows).Except(kept).ToArray();
        var facts = new RunFacts(run, options, confounds, kept.Count, censored, brainSeries.DegreesOfFreedom, output.Links);
        var written = new List<string>();
        for (var s = 0; s < seeds.Seeds.Count; s++)
        {
            var seed = seeds.Seeds[s];
            Directory.CreateDirectory(names.Folder);
            // As Export-FisherZ: zero runs coded, the values stored (deflate cannot shrink them).
            NiftiWriter.Write(map.ToImage(s, fisherZ: false), seed.Files.CorrelationMap, MapWriteOptions, ct);
            JsonSidecar.Write(seed.Files.CorrelationSidecar, facts.MapSidecar(seed, fisherZ: false), overwrite: true, ct);
            NiftiWriter.Write(map.ToImage(s, fisherZ: true), seed.Files.FisherZMap, MapWriteOptions, ct);
            JsonSidecar.Write(seed.Files.FisherZSidecar, facts.MapSidecar(seed, fisherZ: true), overwrite: true, ct);
            written.AddRange([seed.Files.CorrelationMap, seed.Files.CorrelationSidecar, seed.Files.FisherZMap, seed.Files.FisherZSidecar]);
            progress?.Report(ExtractionShare + 0.2 + (0.05 * (s + 1) / seeds.Seeds.Count));
        }

        Directory.CreateDirectory(names.Folder);
        ConfoundsTsvWriter.Write(confounds, names.Confounds, overwrite: true, ct);
        WriteSeedsTable(names.Seeds, seeds.Seeds, seedSeries.Signals, ct);
        written.AddRange([names.Confounds, names.Seeds]);
        var sidecar = facts.SeedsSidecar(seeds.Seeds, provenance, hash, written.Select(w => Path.GetRelativePath(names.OutputDirectory, w).Replace('\\', '/')), warnings);
        JsonSidecar.Write(names.SeedsSidecar, sidecar, overwrite: true, ct);
        written.Add(names.SeedsSidecar);
        progress?.Report(1);
        return new SeedToVoxelRunResult(run, RunStatus.Succeeded, clock.Elapsed)
        {
            OutputList = written,
            MapList = [.. seeds.Seeds.Select(x => x.Files)],
            ProvenanceHash = hash,
            StatusFile = names.Status,
            VolumesRetained = kept.Count,
            CensoredVolumes = censored.Length,
            DegreesOfFreedom = brainSeries.DegreesOfFreedom,
            ConfoundCount = confounds.Columns,
            WarningList = warnings,
            CleanedBrain = unsmoothed is null ? null : new CleanedBrain(run, brainSeries.Signals, unsmoothed, extraction.SignalsOf(unsmoothed), clean, shape, affine),
        };
    }

    /// <summary>The BOLD sidecar's RepetitionTime (fMRIPrep's authority), else the header's; a disagreement is warned about.</summary>
    private static double? RepetitionTime(FmriprepRun run, NiftiHeader header, List<string> warnings)
    {
        var fromHeader = header.RepetitionTime;
        if (run.RepetitionTime is { } json)
        {
            if (fromHeader is { } h && Math.Abs(h - json) > 1e-3 * json)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"the BOLD sidecar says RepetitionTime {json} s but the header says {h} s; the sidecar's is used (fMRIPrep writes it from the raw data's metadata)"));
            }

            return json;
        }

        return fromHeader;
    }

    private static SignalCleanOptions CleanOptions(SeedToVoxelOptions options, ConfoundsTable confounds, double? tr)
    {
        bool[]? sampleMask = null;
        if (confounds.SampleMask is { } keep)
        {
            sampleMask = new bool[confounds.Rows];
            foreach (var i in keep)
            {
                sampleMask[i] = true;
            }
        }

        return new SignalCleanOptions
        {
            Detrend = options.Detrend,
            Standardize = options.Standardize,
            LowPass = options.LowPass,
            HighPass = options.HighPass,
            RepetitionTime = tr,
            Filter = options.Filter,
            Confounds = confounds.Columns > 0 ? confounds.GetValues() : null,
            ConfoundCount = confounds.Columns,
            ConfoundNames = confounds.Columns > 0 ? [.. confounds.ColumnNames] : null,
            SampleMask = sampleMask,
            MinimumDegreesOfFreedom = options.MinimumDegreesOfFreedom,
        };
    }

    /// <summary>The cleaned seed series: a header of seed keys, one row per kept volume, float32 in shortest round-trip form.</summary>
    private static void WriteSeedsTable(string path, IReadOnlyList<RunSeed> seeds, SignalMatrix series, CancellationToken ct)
    {
        var sb = new StringBuilder();
        sb.AppendJoin('\t', seeds.Select(s => s.Files.Seed)).Append('\n');
        for (var t = 0; t < series.Timepoints; t++)
        {
            for (var s = 0; s < series.Series; s++)
            {
                if (s > 0)
                {
                    sb.Append('\t');
                }

                var v = series[t, s];
                sb.Append(float.IsNaN(v) ? "n/a" : v.ToString("R", CultureInfo.InvariantCulture));
            }

            sb.Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        AtomicFile.Write(path, stream => stream.Write(bytes), overwrite: true, ct);
    }

    private static ScaledProgress? Scaled(IProgress<double>? progress, double from, double to) =>
        progress is null ? null : new ScaledProgress(progress, from, to);

    private sealed class ScaledProgress(IProgress<double> inner, double from, double to) : IProgress<double>
    {
        public void Report(double value) => inner.Report(from + ((to - from) * value));
    }
}
