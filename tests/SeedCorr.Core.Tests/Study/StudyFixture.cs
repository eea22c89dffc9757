using SeedCorr.Core.Bids;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Seeds;
using SeedCorr.Core.Study;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Study;

/// <summary>The study fixture (tests/data/study, nilearn 0.10.4) and the options its answers were made with.</summary>
internal static class StudyFixture
{
    public static readonly string Fmriprep = TestData.Path("study", "derivatives", "fmriprep");

    public static readonly string[] RunNames = ["sub-01_task-rest", "sub-02_task-rest", "sub-03_task-rest_run-1", "sub-03_task-rest_run-2", "sub-04_task-rest"];

    /// <summary>PCC, LAG, SMA spheres of 8 mm; the DMN labels atlas; Simple strategy; zscore_sample, detrend, 0.01–0.1 Hz, 6 mm.</summary>
    public static SeedToVoxelOptions Options()
    {
        var spheres = SphereSeed.Create([new WorldPoint(0, -52, 18), new WorldPoint(-46, -66, 32), new WorldPoint(0, -20, 64)], 8, ["PCC", "LAG", "SMA"]);
        var atlas = SeedAtlas.FromLabelsImage(NiftiReader.Read(TestData.Path("study", "atlas", "dmn_labels_2mm.nii.gz")),
            TestData.Path("study", "atlas", "dmn_labels.tsv"), "DMN", []);
        return new SeedToVoxelOptions
        {
            Spheres = spheres,
            LabelAtlases = [atlas],
            // nilearn counts no degrees of freedom; by XCP-D's count these 80-volume runs have -1 left after the
            // Simple strategy's 27 confounds and the band-pass, which SeedCorr refuses by default.
            MinimumDegreesOfFreedom = double.NegativeInfinity,
        };
    }

    public static IReadOnlyList<FmriprepRun> Runs() => FmriprepRunFinder.Find(Fmriprep);
}
