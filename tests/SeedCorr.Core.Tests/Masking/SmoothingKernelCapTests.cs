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
}
