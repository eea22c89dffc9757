using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;

// bench make-nifti <path.nii.gz> nx ny nz nt       : a deterministic fMRI-like float32 image (brain ellipsoid, zero background)
// bench read-nifti <path> [runs]                   : min/median/max read time, MB/s of voxel data, peak working set
// bench read-volumes <path>                        : the volume-by-volume reader against a bare inflate of the file
// bench clean [T] [N] [K] [runs]                   : SignalCleaner.Clean on random data, per stage
// bench mask <path> [runs]                         : the brain masker on an image read whole
// bench smooth <path> <volumes>                    : smoothing + masking of the first volumes (DOTNET_PROCESSOR_COUNT=1: one core)
// bench demo dev|300|1200 [cache]                  : makes (once) a demo subject; prints its image and confounds paths
// bench pipeline <func> <confounds> <out> [runs]   : the whole example, streaming, in-process, per-run stages and peak RSS (bench/run.sh)
// bench pipeline-in-memory <func> <confounds> <out>: the same through the in-memory path, once
// bench plot <func> <confounds> <outDir> [runs]    : the example's figures; stat-map PNG time after a warm-up
// bench passes <func> [runs]                       : the example's sphere + fitted brain: one streaming pass vs one pass each
// bench permutations [subjects] [voxels] [flips] [threads]: sign-flip max-t flips per second (PermutationBench.cs)
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: bench make-nifti|read-nifti|read-volumes|clean|mask|smooth|demo|pipeline|pipeline-in-memory|plot ... (see the top of Program.cs)");
    return 2;
}

switch (args[0])
{
    case "make-nifti":
        MakeNifti(args[1], int.Parse(args[2]), int.Parse(args[3]), int.Parse(args[4]), int.Parse(args[5]));
        return 0;
    case "clean":
        CleanBench(args.Length > 1 ? int.Parse(args[1]) : 168, args.Length > 2 ? int.Parse(args[2]) : 32000, args.Length > 3 ? int.Parse(args[3]) : 15, args.Length > 4 ? int.Parse(args[4]) : 7);
        return 0;
    case "mask":
        MaskBench(args[1], args.Length > 2 ? int.Parse(args[2]) : 11);
        return 0;
    case "pipeline":
        PipelineHarness(args[1], args[2], args[3], args.Length > 4 ? int.Parse(args[4]) : 5);
        return 0;
    case "read-volumes":
        for (var r = 0; r < 5; r++)
        {
            var sw0 = Stopwatch.StartNew();
            using var rd = NiftiReader.OpenVolumes(args[1]);
            var buf = new float[rd.VolumeSize];
            for (var v = 0; v < rd.VolumeCount; v++) rd.ReadVolume(buf);
            Console.WriteLine($"read-volumes {sw0.Elapsed.TotalMilliseconds:0} ms; inflate {Inflate(args[1]):0} ms");
        }
        return 0;
    case "smooth":
        {
            // Smoothing + masking cost per volume: the first N volumes of a file, Transform timed (set DOTNET_PROCESSOR_COUNT=1 for one core).
            using var rd = NiftiReader.OpenVolumes(args[1]);
            var count = int.Parse(args[2]);
            var vols = new float[(long)rd.VolumeSize * count];
            for (var v = 0; v < count; v++) rd.ReadVolume(vols.AsSpan(v * rd.VolumeSize, rd.VolumeSize));
            var img = NiftiImage.Create(vols, [.. rd.Shape.Take(3), count], rd.Header.BestAffine, 2);
            var bm = SeedCorr.Core.Masking.BrainMasker.Fit(img, SeedCorr.Core.Masking.MaskStrategy.Background, [6]);
            for (var r = 0; r < 5; r++)
            {
                var sw2 = Stopwatch.StartNew();
                bm.Transform(img, []);
                Console.WriteLine($"smooth+mask {count} volumes: {sw2.Elapsed.TotalMilliseconds:0} ms ({sw2.Elapsed.TotalMilliseconds / count:0.00} ms/volume, {Environment.ProcessorCount} cores)");
            }
        }

        return 0;
    case "pipeline-in-memory":
        Pipeline(args[1], args[2], args[3]);
        return 0;
    case "demo":
        var subject = SeedCorr.Core.Datasets.DemoSubjectGenerator.Get(
            args[1] == "dev" ? SeedCorr.Core.Datasets.DemoSubjectSize.Development : SeedCorr.Core.Datasets.DemoSubjectSize.Mni2mm(int.Parse(args[1])),
            args.Length > 2 ? args[2] : null);
        Console.WriteLine($"{subject.Func}\t{subject.Confounds}");
        return 0;
    case "passes":
        PassesBench(args[1], args.Length > 2 ? int.Parse(args[2]) : 7);
        return 0;
    case "permutations":
        PermutationBench.Run(args.Length > 1 ? int.Parse(args[1]) : 20, args.Length > 2 ? int.Parse(args[2]) : 230_000, args.Length > 3 ? int.Parse(args[3]) : 1000, args.Length > 4 ? int.Parse(args[4]) : 0);
        return 0;
    case "plot":
        PlotBench(args[1], args[2], args[3], args.Length > 4 ? int.Parse(args[4]) : 7);
        return 0;
    case "read-nifti":
        ReadNifti(args[1], args.Length > 2 ? int.Parse(args[2]) : 5);
        return 0;
    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}

static void MakeNifti(string path, int nx, int ny, int nz, int nt)
{
    var rng = new Random(42);
    var data = new float[(long)nx * ny * nz * nt];
    var vol = nx * ny * nz;
    var baseline = new float[vol];
    for (int k = 0, v = 0; k < nz; k++)
    {
        for (var j = 0; j < ny; j++)
        {
            for (var i = 0; i < nx; i++, v++)
            {
                double dx = (i - (nx / 2.0)) / (nx * 0.4), dy = (j - (ny / 2.0)) / (ny * 0.45), dz = (k - (nz / 2.0)) / (nz * 0.4);
                baseline[v] = (dx * dx) + (dy * dy) + (dz * dz) < 1 ? 600 + (float)(rng.NextDouble() * 400) : 0;
            }
        }
    }

    for (var t = 0; t < nt; t++)
    {
        var drift = 1 + (0.0005 * t);
        for (var v = 0; v < vol; v++)
        {
            // BOLD-like: baseline × drift + Gaussian-ish noise of ~1 %, background exactly 0.
            data[((long)t * vol) + v] = baseline[v] == 0 ? 0 : (float)((baseline[v] * drift) + ((rng.NextDouble() + rng.NextDouble() - 1) * 8));
        }
    }

    var affine = Affine.Diagonal(2, 2, 2, -90, -126, -72);
    var image = NiftiImage.Create(data, [nx, ny, nz, nt], affine, repetitionTime: 2.0);
    NiftiWriter.Write(image, path, new NiftiWriteOptions { CompressionLevel = CompressionLevel.Optimal, Overwrite = true });
    Console.WriteLine($"{path}: {new FileInfo(path).Length / 1e6:0.0} MB compressed, {data.LongLength * 4 / 1e6:0.0} MB of float32 voxels");
}

// Cleaning as the seed example does it: detrend, band-pass 0.01–0.1 Hz at TR 2 s, 15 confounds, z-score.
static void CleanBench(int t, int n, int k, int runs)
{
    var rng = new Random(1);
    var data = new float[t * n];
    for (var i = 0; i < data.Length; i++)
    {
        data[i] = (float)(1000 + (rng.NextDouble() * 20));
    }

    var conf = new double[t * k];
    for (var i = 0; i < conf.Length; i++)
    {
        conf[i] = rng.NextDouble();
    }

    var options = new SeedCorr.Core.Signal.SignalCleanOptions
    {
        Detrend = true, Standardize = SeedCorr.Core.Signal.Standardization.ZScore, LowPass = 0.1, HighPass = 0.01,
        RepetitionTime = 2, Confounds = conf, ConfoundCount = k,
    };
    var signals = new SeedCorr.Core.Signal.SignalMatrix(t, n, data);
    var times = new List<double>();
    for (var r = 0; r < runs + 1; r++)
    {
        var sw = Stopwatch.StartNew();
        var result = SeedCorr.Core.Signal.SignalCleaner.Clean(signals, options);
        sw.Stop();
        GC.KeepAlive(result);
        if (r > 0)
        {
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
    }

    // Per-stage medians of the kernels on the same data (copies), to see what bounds the total.
    var f = SeedCorr.Core.Signal.ButterworthFilter.Design(5, 0.01, 0.1, 0.5);
    var basis = SeedCorr.Core.Signal.ConfoundRegression.Orthonormalize(conf, t, k);
    double Stage(Action<float[]> act)
    {
        var ts = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var copy = (float[])data.Clone();
            var sw = Stopwatch.StartNew();
            act(copy);
            ts.Add(sw.Elapsed.TotalMilliseconds);
        }

        ts.Sort();
        return ts[ts.Count / 2];
    }

    Console.WriteLine($"  stages (median ms): detrend {Stage(d => SeedCorr.Core.Signal.Detrending.Linear(d, t, n)):0.0}, " +
        $"filter {Stage(d => SeedCorr.Core.Signal.ZeroPhaseFilter.Apply(f, d, t, n)):0.0}, " +
        $"projection {Stage(d => SeedCorr.Core.Signal.ConfoundRegression.Project(basis, d, n)):0.0}, " +
        $"z-score {Stage(d => SeedCorr.Core.Signal.Standardizer.Apply(d, t, n, SeedCorr.Core.Signal.Standardization.ZScore)):0.0}, " +
        $"copy {Stage(d => GC.KeepAlive(d.Clone())):0.0}");
    times.Sort();
    Console.WriteLine($"clean {t}x{n} float32, band-pass + {k} confounds + z-score, {Environment.ProcessorCount} cores, runs {runs}: " +
        $"min {times[0]:0} ms, median {times[times.Count / 2]:0} ms, max {times[^1]:0} ms");
}

// The brain masker of the example: background mask from the raw data, 6 mm smoothing, extraction in C order.
static void MaskBench(string path, int runs)
{
    var image = NiftiReader.Read(path);
    double Median(Func<object> work)
    {
        var ts = new List<double>();
        for (var r = 0; r < runs + 1; r++)
        {
            var sw = Stopwatch.StartNew();
            GC.KeepAlive(work());
            if (r > 0)
            {
                ts.Add(sw.Elapsed.TotalMilliseconds);
            }
        }

        ts.Sort();
        return ts[ts.Count / 2];
    }

    var before = Process.GetCurrentProcess().PeakWorkingSet64;
    var fit = Median(() => SeedCorr.Core.Masking.BrainMasker.Fit(image, SeedCorr.Core.Masking.MaskStrategy.Background, [6]));
    var masker = SeedCorr.Core.Masking.BrainMasker.Fit(image, SeedCorr.Core.Masking.MaskStrategy.Background, [6]);
    var transform = Median(() => masker.Transform(image, []));
    var total = Median(() => SeedCorr.Core.Masking.BrainMasker.Fit(image, SeedCorr.Core.Masking.MaskStrategy.Background, [6]).Transform(image, []));
    var seed = Median(() => new SeedCorr.Core.Masking.SphereMasker([new SeedCorr.Core.Geometry.WorldPoint(0, -52, 18)], 8).Transform(image, []));
    Console.WriteLine($"mask {string.Join('x', image.Shape)} ({image.Length * 4 / 1e6:0} MB float32), {masker.VoxelCount} voxels, {Environment.ProcessorCount} cores, medians of {runs}: " +
        $"background mask {fit:0} ms, smoothing 6 mm + masking {transform:0} ms, both {total:0} ms; sphere signal {seed:0.0} ms; " +
        $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB (image alone {before / 1e6:0} MB)");
}

// The whole example without plots, once, in this process: one line of stage times (ms) and the peak working set.
static void PlotBench(string func, string confounds, string outDir, int runs)
{
    var image = NiftiReader.Read(func);
    var conf = SeedCorr.Core.Confounds.ConfoundsReader.Read(confounds);
    var options = new SeedCorr.Core.Signal.SignalCleanOptions
    {
        Detrend = true, Standardize = SeedCorr.Core.Signal.Standardization.ZScore, LowPass = 0.1, HighPass = 0.01,
        RepetitionTime = image.RepetitionTime ?? 2, Confounds = conf.GetValues(), ConfoundCount = conf.Columns,
    };
    var pcc = new SeedCorr.Core.Geometry.WorldPoint(0, -52, 18);
    var seed = SeedCorr.Core.Signal.SignalCleaner.Clean(new SeedCorr.Core.Masking.SphereMasker([pcc], 8).Transform(image, []), options).Signals;
    var masker = SeedCorr.Core.Masking.BrainMasker.Fit(image, SeedCorr.Core.Masking.MaskStrategy.Background, [6]);
    var brain = SeedCorr.Core.Signal.SignalCleaner.Clean(masker.Transform(image, []), options).Signals;
    var map = SeedCorr.Core.Connectivity.SeedCorrelation.Compute(brain, seed).ToImage();
    var mean = SeedCorr.Plotting.PlotVolume.MeanOf(image);
    Directory.CreateDirectory(outDir);
    var times = new List<double>();
    for (var run = 0; run <= runs; run++)
    {
        var sw = Stopwatch.StartNew();
        var plot = new SeedCorr.Plotting.StatMapPlot(new SeedCorr.Plotting.PlotVolume(map), mean, new SeedCorr.Plotting.StatMapPlotOptions
        {
            CutCoords = pcc, Threshold = 0.5, VMax = 1, Title = "Seed-to-voxel correlation", Markers = [pcc],
        });
        SeedCorr.Plotting.FigureFile.Save(Path.Combine(outDir, "pcc_seed_correlation.png"), plot.Size.Width, plot.Size.Height, plot.Draw, overwrite: true);
        if (run > 0)
        {
            times.Add(sw.Elapsed.TotalMilliseconds); // run 0 warms up (JIT, font and codec loading)
        }

        if (run == 0)
        {
            SeedCorr.Plotting.FigureFile.Save(Path.Combine(outDir, "pcc_seed_correlation.pdf"), plot.Size.Width, plot.Size.Height, plot.Draw, overwrite: true);
            SeedCorr.Plotting.FigureFile.Save(Path.Combine(outDir, "pcc_seed_correlation.svg"), plot.Size.Width, plot.Size.Height, plot.Draw, overwrite: true);
        }
    }

    var seedPlot = new SeedCorr.Plotting.SignalPlot(seed, title: "Seed time series (Posterior cingulate cortex)");
    SeedCorr.Plotting.FigureFile.Save(Path.Combine(outDir, "seed_time_series.png"), seedPlot.Width, seedPlot.Height, seedPlot.Draw, overwrite: true);

    var voxelPlot = new SeedCorr.Plotting.SignalPlot(brain, Enumerable.Range(0, 5).Select(n => n * 1000).Where(c => c < brain.Series).ToArray(), title: "5 voxel time series");
    SeedCorr.Plotting.FigureFile.Save(Path.Combine(outDir, "voxel_time_series.png"), voxelPlot.Width, voxelPlot.Height, voxelPlot.Draw, overwrite: true);

    times.Sort();
    Console.WriteLine($"stat_map_png_ms min={times[0]:0} median={times[times.Count / 2]:0} max={times[^1]:0}\tpeak_mb={Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0}");

    // The same figure over the MNI152 template (the default for MNI maps), then the glass brain and the viewer page.
    var template = SeedCorr.Plotting.MniTemplate.TwoMillimetre;
    var figures = new Dictionary<string, List<double>> { ["template_png"] = [], ["glass_png"] = [], ["view_html"] = [] };
    var figureOptions = new SeedCorr.Plotting.StatMapPlotOptions { CutCoords = pcc, Threshold = 0.5, VMax = 1, Title = "Seed-to-voxel correlation", Markers = [pcc] };
    for (var run = 0; run <= runs; run++)
    {
        var sw = Stopwatch.StartNew();
        var plot = new SeedCorr.Plotting.StatMapPlot(new SeedCorr.Plotting.PlotVolume(map), template, figureOptions);
        SeedCorr.Plotting.FigureFile.Save(Path.Combine(outDir, "pcc_seed_correlation_mni.png"), plot.Size.Width, plot.Size.Height, plot.Draw, overwrite: true);
        var t1 = sw.Elapsed.TotalMilliseconds;
        var glass = new SeedCorr.Plotting.GlassBrainPlot(new SeedCorr.Plotting.PlotVolume(map), figureOptions, template);
        SeedCorr.Plotting.FigureFile.Save(Path.Combine(outDir, "pcc_glass_brain.png"), glass.Size.Width, glass.Size.Height, glass.Draw, overwrite: true);
        var t2 = sw.Elapsed.TotalMilliseconds;
        new SeedCorr.Plotting.StatMapView(new SeedCorr.Plotting.PlotVolume(map), template, figureOptions).Save(Path.Combine(outDir, "pcc_seed_correlation.html"), overwrite: true);
        var t3 = sw.Elapsed.TotalMilliseconds;
        if (run > 0)
        {
            figures["template_png"].Add(t1);
            figures["glass_png"].Add(t2 - t1);
            figures["view_html"].Add(t3 - t2);
        }
    }

    Console.WriteLine(string.Join('\t', figures.Select(f =>
    {
        f.Value.Sort();
        return $"{f.Key}_ms min={f.Value[0]:0} median={f.Value[f.Value.Count / 2]:0} max={f.Value[^1]:0}";
    })));
}

// The old in-memory path (whole 4D image read, then the maskers), once, for comparison.
static void Pipeline(string func, string confounds, string outDir)
{
    var total = Stopwatch.StartNew();
    var sw = Stopwatch.StartNew();
    var stages = new List<(string, double)>();
    void Mark(string stage)
    {
        stages.Add((stage, sw.Elapsed.TotalMilliseconds));
        sw.Restart();
    }

    var image = NiftiReader.Read(func);
    var conf = SeedCorr.Core.Confounds.ConfoundsReader.Read(confounds);
    Mark("load");
    var options = new SeedCorr.Core.Signal.SignalCleanOptions
    {
        Detrend = true, Standardize = SeedCorr.Core.Signal.Standardization.ZScore, LowPass = 0.1, HighPass = 0.01,
        RepetitionTime = image.RepetitionTime ?? 2, Confounds = conf.GetValues(), ConfoundCount = conf.Columns,
    };
    var seedRaw = new SeedCorr.Core.Masking.SphereMasker([new SeedCorr.Core.Geometry.WorldPoint(0, -52, 18)], 8).Transform(image, []);
    var masker = SeedCorr.Core.Masking.BrainMasker.Fit(image, SeedCorr.Core.Masking.MaskStrategy.Background, [6]);
    var brainRaw = masker.Transform(image, []);
    Mark("mask+smooth");
    var seed = SeedCorr.Core.Signal.SignalCleaner.Clean(seedRaw, options).Signals;
    var brain = SeedCorr.Core.Signal.SignalCleaner.Clean(brainRaw, options).Signals;
    Mark("clean");
    var map = SeedCorr.Core.Connectivity.SeedCorrelation.Compute(brain, seed);
    Mark("correlate");
    Directory.CreateDirectory(outDir);
    NiftiWriter.Write(map.ToImage(), Path.Combine(outDir, "pcc_seed_correlation.nii.gz"), new NiftiWriteOptions { Overwrite = true });
    NiftiWriter.Write(map.ToImage(fisherZ: true), Path.Combine(outDir, "pcc_seed_correlation_z.nii.gz"), new NiftiWriteOptions { Overwrite = true });
    Mark("fisher+write");
    Console.WriteLine(string.Join('\t', stages.Select(s => $"{s.Item1}={s.Item2:0}")) +
        $"\ttotal={total.Elapsed.TotalMilliseconds:0}\tpeak_mb={Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0}\tvoxels={masker.VoxelCount}");
}

static void ReadNifti(string path, int runs)
{
    var times = new List<double>();
    long bytes = 0;
    double times0 = 0;
    for (var r = 0; r < runs + 1; r++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var sw = Stopwatch.StartNew();
        var img = NiftiReader.Read(path);
        sw.Stop();
        bytes = img.Length * 4;
        if (r == 0)
        {
            times0 = sw.Elapsed.TotalMilliseconds;
        }
        else
        {
            times.Add(sw.Elapsed.TotalMilliseconds); // run 0 warms up the JIT
        }

        GC.KeepAlive(img);
    }

    if (runs == 0)
    {
        Console.WriteLine($"read-nifti {Path.GetFileName(path)}: one read in a fresh process (JIT included) {times0:0} ms, {bytes / 1e6:0.0} MB float32, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB");
        return;
    }

    times.Sort();
    var median = times[times.Count / 2];
    Console.WriteLine($"read-nifti {Path.GetFileName(path)}: {bytes / 1e6:0.0} MB float32, runs {runs}: min {times[0]:0} ms, median {median:0} ms, max {times[^1]:0} ms, " +
        $"{bytes / 1e6 / (median / 1000):0} MB/s, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB");
}

// The floor: a bare decompression of the file with .NET's inflater (the one the reader uses), output discarded.
static double Inflate(string path)
{
    var sw = Stopwatch.StartNew();
    using var gz = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress);
    var buffer = new byte[1 << 20];
    while (gz.Read(buffer) > 0)
    {
    }

    return sw.Elapsed.TotalMilliseconds;
}

// The whole example without plots, streaming, in this process: a first run (JIT included) and then `runs` timed runs,
// each after a full compacting GC with the peak RSS reset, so each run's peak is its own. One line per run of key=value fields.
static void PipelineHarness(string func, string confounds, string outDir, int runs)
{
    Directory.CreateDirectory(outDir);
    for (var run = 0; run <= runs; run++)
    {
        var inflate = run == 0 ? 0 : Inflate(func); // the in-process floor, measured before the run (the file is in the page cache either way)
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var peakReset = PeakRss.Reset();
        var line = PipelineRun(func, confounds, outDir);
        var peak = peakReset ? PeakRss.Megabytes() : Process.GetCurrentProcess().PeakWorkingSet64 / 1e6;
        Console.WriteLine($"run={run}\t{line}\tinflate={inflate:0}\tpeak_mb={peak:0}");
    }
}

// One run of the pipeline; a method of its own so that nothing it allocated is reachable after it returns.
[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
static string PipelineRun(string func, string confounds, string outDir)
{
    var total = Stopwatch.StartNew();
    var sw = Stopwatch.StartNew();
    var stages = new List<(string Name, double Ms)>();
    void Mark(string stage)
    {
        stages.Add((stage, sw.Elapsed.TotalMilliseconds));
        sw.Restart();
    }

    var pcc = new SeedCorr.Core.Geometry.WorldPoint(0, -52, 18);
    var sphere = new SeedCorr.Core.Masking.SphereMasker([pcc], 8);
    var x = SeedCorr.Core.Masking.StreamingExtraction.Run(func, new SeedCorr.Core.Masking.StreamingExtractionOptions
    {
        Maskers = [sphere],
        FitBrainMasker = new(SmoothingFwhm: [6]),
    });
    var conf = SeedCorr.Core.Confounds.ConfoundsReader.Read(confounds);
    Mark("read+smooth+mask");
    var options = new SeedCorr.Core.Signal.SignalCleanOptions
    {
        Detrend = true, Standardize = SeedCorr.Core.Signal.Standardization.ZScore, LowPass = 0.1, HighPass = 0.01,
        RepetitionTime = x.Header.RepetitionTime ?? 2, Confounds = conf.GetValues(), ConfoundCount = conf.Columns,
    };
    var seed = SeedCorr.Core.Signal.SignalCleaner.CleanInPlace(x.SignalsOf(sphere), options).Signals;
    var brain = SeedCorr.Core.Signal.SignalCleaner.CleanInPlace(x.Signals[^1], options).Signals;
    Mark("clean");
    var map = SeedCorr.Core.Connectivity.SeedCorrelation.Compute(brain, seed);
    Mark("correlate");
    NiftiWriter.Write(map.ToImage(), Path.Combine(outDir, "pcc_seed_correlation.nii.gz"), new NiftiWriteOptions { Overwrite = true });
    NiftiWriter.Write(map.ToImage(fisherZ: true), Path.Combine(outDir, "pcc_seed_correlation_z.nii.gz"), new NiftiWriteOptions { Overwrite = true });
    Mark("fisher+write");
    return string.Join('\t', stages.Select(s => $"{s.Name}={s.Ms:0}")) +
        $"\ttotal={total.Elapsed.TotalMilliseconds:0}\treading={x.ReadingTime.TotalMilliseconds:0}\treader_smoothed={x.VolumesProcessedByReader}" +
        $"\tpasses={x.Passes}\tvoxels={x.FittedBrainMasker!.VoxelCount}\tvolumes={brain.Timepoints}";
}

// The example's extraction (8 mm PCC sphere + fitted background mask smoothed 6 mm): both maskers fed from one read of
// the file, against two reads (the sphere's, then the brain's), as the two-cmdlet form of the example did. After a
// warm-up of each, min / median / max of the runs, interleaved so that both see the same machine state.
static void PassesBench(string func, int runs)
{
    var sphere = new SeedCorr.Core.Masking.SphereMasker([new SeedCorr.Core.Geometry.WorldPoint(0, -52, 18)], 8);
    var fit = new SeedCorr.Core.Masking.BrainMaskerFit(SmoothingFwhm: [6]);
    double One()
    {
        var sw = Stopwatch.StartNew();
        SeedCorr.Core.Masking.StreamingExtraction.Run(func, new() { Maskers = [sphere], FitBrainMasker = fit });
        return sw.Elapsed.TotalMilliseconds;
    }

    double Two()
    {
        var sw = Stopwatch.StartNew();
        SeedCorr.Core.Masking.StreamingExtraction.Run(func, new() { Maskers = [sphere] });
        SeedCorr.Core.Masking.StreamingExtraction.Run(func, new() { FitBrainMasker = fit });
        return sw.Elapsed.TotalMilliseconds;
    }

    One();
    Two();
    var one = new List<double>();
    var two = new List<double>();
    for (var r = 0; r < runs; r++)
    {
        GC.Collect();
        one.Add(One());
        GC.Collect();
        two.Add(Two());
    }

    static string Stat(List<double> v)
    {
        var s = v.Order().ToArray();
        return $"{s[0]:0} / {s[s.Length / 2]:0} / {s[^1]:0}";
    }

    Console.WriteLine($"one pass (sphere + brain)\t{Stat(one)} ms");
    Console.WriteLine($"two passes (sphere, then brain)\t{Stat(two)} ms");
    Console.WriteLine($"min / median / max of {runs} runs, {Environment.ProcessorCount} cores");
}
