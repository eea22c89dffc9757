using SeedCorr.Core.Confounds;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Seeds;
using SeedCorr.Core.Study;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Study;

/// <summary>A kept brain gives a new seed the map the full job gives, without reading the BOLD file again.</summary>
public sealed class CleanedBrainTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_new_seed_on_the_kept_brain_gives_the_jobs_map_to_the_bit(bool scrub)
    {
        using var dir = new TempDir();
        var run = StudyFixture.Runs()[0];
        var options = StudyFixture.Options() with { LabelAtlases = [] };
        if (scrub)
        {
            // A low threshold censors volumes of this run: the kept brain must apply the same sample mask.
            options = options with { Confounds = ConfoundPresets.Create(DenoiseStrategy.Scrubbing, new PresetOverrides { FdThreshold = 0.15, ScrubMinSegment = 0 }, out _) };
        }

        var kept = SeedToVoxelRunner.Run(run, options, new StudyOutput(dir.FullName) { KeepBrain = true });
        Assert.NotNull(kept.CleanedBrain);
        if (scrub)
        {
            Assert.True(kept.CensoredVolumes > 0, "the scrubbing case censors nothing: lower the threshold");
        }

        // PCC and SMA again, as new seeds, in another order and alone.
        var map = kept.CleanedBrain!.Correlate([options.Spheres[2], options.Spheres[0]]);
        var fromJob = NiftiReader.Read(kept.Maps[0].CorrelationMap).GetData();
        Assert.Equal(fromJob, map.ToImage(1, fisherZ: false).GetData());
        Assert.Equal(NiftiReader.Read(kept.Maps[2].CorrelationMap).GetData(), map.ToImage(0, fisherZ: false).GetData());
        Assert.Equal(kept.VolumesRetained, map.Timepoints);
    }

    [Fact]
    public void A_sphere_reaching_beyond_the_mask_is_read_from_the_file_and_still_gives_the_jobs_map()
    {
        using var dir = new TempDir();
        var edge = new SphereSeed("Edge", new WorldPoint(0, -52, 75), 12);
        var options = StudyFixture.Options() with { LabelAtlases = [], Spheres = [edge, .. StudyFixture.Options().Spheres] };
        var kept = SeedToVoxelRunner.Run(StudyFixture.Runs()[0], options, new StudyOutput(dir.FullName) { KeepBrain = true });
        var brain = kept.CleanedBrain!;
        var inside = brain.Correlate([options.Spheres[1]]);
        Assert.Equal(0, brain.FileReads);
        var map = brain.Correlate([options.Spheres[1], edge]);
        Assert.Equal(1, brain.FileReads);
        Assert.Equal(NiftiReader.Read(kept.Maps[0].CorrelationMap).GetData(), map.ToImage(1, fisherZ: false).GetData());
        Assert.Equal(NiftiReader.Read(kept.Maps[1].CorrelationMap).GetData(), map.ToImage(0, fisherZ: false).GetData());
        Assert.Equal(inside.GetCorrelations(0), map.GetCorrelations(0));
    }
}
