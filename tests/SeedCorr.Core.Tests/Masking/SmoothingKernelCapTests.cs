using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;

namespace SeedCorr.Core.Tests.Masking;

/// <summary>Item 7 of issue 13: a broken voxel size cannot make smoothing run for hours; xyzt_units are honoured.</summary>
public sealed class SmoothingKernelCapTests
{
    [Fact]
    public void Voxels_of_1e_minus_5_mm_are_refused_with_a_message_about_the_voxel_size()
    {
        var ex = Assert.Throws<MaskingException>(() => GaussianSmoothing.Sigmas(Affine.Diagonal(1e-5, 1e-5, 1e-5, 0, 0, 0), [6.0]));
        Assert.Equal(MaskingErrorKind.SmoothingKernelTooLarge, ex.Kind);
        Assert.Contains("voxel size looks wrong", ex.Message, StringComparison.Ordinal);
        Assert.Contains("xyzt_units", ex.Message, StringComparison.Ordinal);

        // The largest accepted kernel and ordinary ones pass: 4σ + ½ = 256.4 voxels.
        var sigma = GaussianSmoothing.Sigmas(Affine.Diagonal(2, 2, 2, 0, 0, 0), [6.0])[0];
        Assert.Equal(6 / (GaussianSmoothing.FwhmPerSigma * 2), sigma, 15);
        var edge = 63.9 * GaussianSmoothing.FwhmPerSigma;
        Assert.Equal(63.9, GaussianSmoothing.Sigmas(Affine.Diagonal(1, 1, 1, 0, 0, 0), [edge])[0], 12);
    }

    [Fact]
    public void A_header_in_metres_or_microns_gives_the_voxel_size_in_mm()
    {
        var affine = Affine.Diagonal(0.002, 0.002, 0.002, 0, 0, 0);
        var image = NiftiImage.Create(new float[8], [2, 2, 2], affine);
        var metres = NiftiImage.Create(new float[8], [2, 2, 2], affine, null, image.Header with { XyztUnits = (int)NiftiSpaceUnits.Meter | (int)NiftiTimeUnits.Second });
        Assert.Equal(NiftiSpaceUnits.Meter, metres.Header.SpaceUnits);
        Assert.Equal(6 / (GaussianSmoothing.FwhmPerSigma * 2), GaussianSmoothing.Sigmas(metres, [6.0])[0], 12);
        var microns = NiftiImage.Create(new float[8], [2, 2, 2], Affine.Diagonal(2000, 2000, 2000, 0, 0, 0), null,
            image.Header with { XyztUnits = (int)NiftiSpaceUnits.Micron });
        Assert.Equal(6 / (GaussianSmoothing.FwhmPerSigma * 2), GaussianSmoothing.Sigmas(microns, [6.0])[0], 12);
        Assert.Throws<MaskingException>(() => GaussianSmoothing.Sigmas(image, [6.0]));
    }

    [Fact]
    public void The_brain_maskers_in_memory_and_streaming_paths_honour_a_header_in_metres_as_whole_image_smoothing_does()
    {
        const int n = 10, t = 6;
        var random = new Random(7);
        var data = Enumerable.Range(0, n * n * n * t).Select(_ => (float)random.NextDouble()).ToArray();
        var mm = NiftiImage.Create(data, [n, n, n, t], Affine.Diagonal(4, 4, 4, -20, -20, -20), 2.0);
        var metresAffine = Affine.Diagonal(0.004, 0.004, 0.004, -0.02, -0.02, -0.02);
        var metres = NiftiImage.Create(data, [n, n, n, t], metresAffine, 2.0, mm.Header with { XyztUnits = (int)NiftiSpaceUnits.Meter | (int)NiftiTimeUnits.Second });
        NiftiImage Mask(NiftiImage like) => NiftiImage.Create(Enumerable.Repeat(1f, n * n * n).ToArray(), [n, n, n], like.Affine);

        var expected = BrainMasker.FromMask(Mask(mm), [6.0]).Transform(mm, []).CopyValues();
        var inMemory = BrainMasker.FromMask(Mask(metres), [6.0]).Transform(metres, []).CopyValues();
        var dir = Path.Combine(Path.GetTempPath(), "seedcorr-units-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "metres.nii");
            NiftiWriter.Write(metres, file);
            Assert.Equal(NiftiSpaceUnits.Meter, NiftiReader.ReadHeader(file).SpaceUnits);
            var masker = BrainMasker.FromMask(Mask(metres), [6.0]);
            var streamed = StreamingExtraction.Run(file, new StreamingExtractionOptions { Maskers = [masker] }).SignalsOf(masker).CopyValues();
            // 4 mm voxels and 0.004 m voxels give the same kernel up to the rounding of 0.004 × 1000.
            Assert.All(expected.Zip(inMemory), p => Assert.Equal(p.First, p.Second, 5e-6f));
            Assert.All(expected.Zip(streamed), p => Assert.Equal(p.First, p.Second, 5e-6f));
            // Without the unit, 6 mm on 0.004-unit voxels is a kernel of 2,548 voxels: refused by the cap
            // (SmoothingKernelTooLarge), which is what the streaming path did before it was given the header's unit.
            Assert.Throws<MaskingException>(() => GaussianSmoothing.Sigmas(metresAffine, [6.0]));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
