using SeedCorr.Core.Nifti;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Nifti;

/// <summary>
/// <see cref="NiftiReader.ReadDecimated"/> (how the MNI template is read for plots) against the whole image read by
/// <see cref="NiftiReader.Read"/> and strided here: every byte order, stored type and scaling of the conformance files.
/// </summary>
public sealed class NiftiDecimatedReadTests
{
    [Theory]
    [InlineData("valid/dt_uint8.nii", 2)]
    [InlineData("valid/dt_int16.nii", 2)]
    [InlineData("valid/dt_float64.nii", 3)]
    [InlineData("valid/be_int16.nii", 2)]
    [InlineData("valid/be_uint16_scaled.nii", 2)]
    [InlineData("valid/be_float32.nii", 1)]
    [InlineData("valid/fmt_gz.nii.gz", 2)]
    [InlineData("valid/be_pair_int16.hdr", 3)]
    public void Keeps_every_nth_voxel_of_the_whole_read_with_the_whole_images_maximum(string file, int step)
    {
        var path = TestData.NiftiFixture(file);
        var full = NiftiReader.Read(path);
        var (ni, nj, nk) = ((int)full.Shape[0], (int)full.Shape[1], (int)full.Shape[2]);
        Assert.True(full.Shape.Length == 3 || full.Shape.Skip(3).All(d => d == 1), $"{file} is a 3D fixture");

        var d = NiftiReader.ReadDecimated(path, step);

        int[] expectedShape = [((ni - 1) / step) + 1, ((nj - 1) / step) + 1, ((nk - 1) / step) + 1];
        Assert.Equal(expectedShape, d.Shape);
        var values = full.Data.Span;
        var n = 0;
        for (var k = 0; k < nk; k += step)
        {
            for (var j = 0; j < nj; j += step)
            {
                for (var i = 0; i < ni; i += step)
                {
                    Assert.Equal(values[i + (ni * (j + (nj * k)))], d.Data[n++]);
                }
            }
        }

        Assert.Equal(d.Data.Length, n);
        Assert.Equal(values.ToArray().Max(), d.FullMaximum);
        var a = full.Affine.ToRowMajor();
        var b = d.Affine.ToRowMajor();
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 4; c++)
            {
                Assert.Equal(c < 3 ? a[(r * 4) + c] * step : a[(r * 4) + c], b[(r * 4) + c], 12);
            }
        }
    }

    [Fact]
    public void A_4d_image_is_refused_with_its_shape()
    {
        var ex = Assert.Throws<NiftiException>(() => NiftiReader.ReadDecimated(TestData.NiftiFixture("valid/be_float64_4d.nii.gz"), 2));
        Assert.Equal(NiftiErrorKind.InvalidHeader, ex.Kind);
        Assert.Contains("3D image", ex.Message, StringComparison.Ordinal);
    }
}
