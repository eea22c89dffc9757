using SeedCorr.Core.Bids;
using SeedCorr.Core.Confounds;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Seeds;
using SeedCorr.Core.Study;

namespace SeedCorr.Plotting.Tests.Reports;

/// <summary>
/// A study for the report's tests, made as Invoke-SeedToVoxel makes one: the five runs of tests/data/study copied,
/// sub-04's BOLD truncated to half its bytes (so that run fails when its voxels are read), PCC and LAG spheres,
/// the Scrubbing strategy at FD 0.3 mm (so volumes are censored) and no minimum of degrees of freedom (the fixture's
/// runs have fewer than zero). Shared by the xunit and browser tests (linked into SeedCorr.Browser.Tests).
/// </summary>
public sealed class ReportStudyFixture : IDisposable
{
    public static readonly WorldPoint Pcc = new(0, -52, 18);

    public ReportStudyFixture()
    {
        Root = Directory.CreateTempSubdirectory("seedcorr-report-").FullName;
        Fmriprep = Path.Combine(Root, "fmriprep");
        Output = Path.Combine(Root, "seedcorr");
        Copy(Path.Combine(DataRoot(), "study", "derivatives", "fmriprep"), Fmriprep);
        var runs = FmriprepRunFinder.Find(Fmriprep);
        var bold = runs.Single(r => r.SourceEntities == "sub-04_task-rest").BoldPath;
        var bytes = File.ReadAllBytes(bold);
        File.WriteAllBytes(bold, bytes[..(bytes.Length / 2)]);
        var options = Options = new SeedToVoxelOptions
        {
            Spheres = [new SphereSeed("PCC", Pcc, 8), new SphereSeed("LAG", new WorldPoint(-46, -66, 32), 8)],
            Confounds = ConfoundPresets.Create(DenoiseStrategy.Scrubbing, new PresetOverrides { FdThreshold = 0.3 }, out _),
            MinimumDegreesOfFreedom = -10,
        };
        var links = StudyDescription.Write(Output, [Fmriprep], new List<string>());
        foreach (var run in runs)
        {
            try
            {
                SeedToVoxelRunner.Run(run, options, new StudyOutput(Output, Links: links));
            }
            catch (Core.Nifti.NiftiException)
            {
                FailedRuns.Add(run.SourceEntities);
            }
        }
    }

    /// <summary>The job's options.</summary>
    public SeedToVoxelOptions Options { get; }

    /// <summary>The temporary folder of the whole study.</summary>
    public string Root { get; }

    /// <summary>The copied fMRIPrep folder.</summary>
    public string Fmriprep { get; }

    /// <summary>The SeedCorr output folder.</summary>
    public string Output { get; }

    /// <summary>The runs whose job threw (sub-04).</summary>
    public List<string> FailedRuns { get; } = [];

    /// <summary>tests/data, found above the test assembly.</summary>
    public static string DataRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/data not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Copies a folder tree.</summary>
    public static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
