using SeedCorr.Core.Connectivity;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Seeds;
using SeedCorr.Core.Signal;

namespace SeedCorr.Core.Tests;

/// <summary>
/// Issue 15, item 3: throw sites use the kind that says what went wrong, so the module gives the advice that fits
/// (these used to borrow SeriesTooShort's filter advice and InvalidParameter's "check -Radius").
/// </summary>
public sealed class ThrowSiteKindTests
{
    [Fact]
    public void A_correlation_over_two_time_points_is_too_few_to_correlate_not_too_short_for_a_filter()
    {
        var two = new SignalMatrix(2, 2, [1f, 2f, 3f, 5f]);
        var ex = Assert.Throws<SignalException>(() => SeedCorrelation.Compute(two, two));
        Assert.Equal(SignalErrorKind.TooFewTimepointsToCorrelate, ex.Kind);
        Assert.Contains("at least 3 time points, not 2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    public void A_sphere_on_a_singular_or_non_finite_affine_is_an_affine_error_not_a_parameter_error(double scale)
    {
        var masker = new SphereMasker([new WorldPoint(0, 0, 0)], 4);
        var ex = Assert.Throws<MaskingException>(() => masker.SelectVoxels([4, 4, 4], Affine.Diagonal(2, scale, 2, 0, 0, 0)));
        Assert.Equal(MaskingErrorKind.InvalidAffine, ex.Kind);
        Assert.Contains(double.IsNaN(scale) ? "not finite" : "singular", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Smoothing_on_a_zero_voxel_size_is_an_affine_error()
    {
        var ex = Assert.Throws<MaskingException>(() => GaussianSmoothing.Sigmas(Affine.Diagonal(0, 2, 2, 0, 0, 0), [6.0]));
        Assert.Equal(MaskingErrorKind.InvalidAffine, ex.Kind);
        Assert.Contains("voxel size along axis 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_smoothing_kernel_beyond_the_cap_is_its_own_kind_not_a_parameter_error()
    {
        var ex = Assert.Throws<MaskingException>(() => GaussianSmoothing.Sigmas(Affine.Diagonal(1e-3, 2, 2, 0, 0, 0), [6.0]));
        Assert.Equal(MaskingErrorKind.SmoothingKernelTooLarge, ex.Kind);
        Assert.Contains("along axis 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fractional_label_is_its_own_kind_for_a_labels_masker_and_for_an_atlas()
    {
        var image = NiftiImage.Create([1, 1, 2.5f, 0, 1, 2, 2, 0], [2, 2, 2], Affine.Identity);
        var masking = Assert.Throws<MaskingException>(() => LabelsMasker.FromImage(image));
        Assert.Equal(MaskingErrorKind.LabelsNotInteger, masking.Kind);
        Assert.Contains("2.5", masking.Message, StringComparison.Ordinal);
        var seed = Assert.Throws<SeedException>(() => LabelsVolume.FromImage(image));
        Assert.Equal(SeedErrorKind.LabelsNotInteger, seed.Kind);
        Assert.Contains("voxel 2", seed.Message, StringComparison.Ordinal);
    }

    // (NiftiImage.Create already refuses a non-finite affine; the writer checks both for images built otherwise.)
    [Fact]
    public void Writing_an_image_on_a_singular_affine_is_an_affine_error_not_a_write_failure()
    {
        var dir = Directory.CreateTempSubdirectory("seedcorr-affine-");
        try
        {
            var path = Path.Combine(dir.FullName, "x.nii");
            var image = NiftiImage.Create(new float[8], [2, 2, 2], Affine.Diagonal(2, 0, 2, 0, 0, 0));
            var ex = Assert.Throws<NiftiException>(() => NiftiWriter.Write(image, path));
            Assert.Equal(NiftiErrorKind.AffineInvalid, ex.Kind);
            Assert.Contains("singular", ex.Message, StringComparison.Ordinal);
            Assert.Empty(dir.GetFiles());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
