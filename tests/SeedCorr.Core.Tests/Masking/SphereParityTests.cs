using System.Text.Json;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Masking;

/// <summary>Voxels selected by NiftiSpheresMasker (unit group "sphere") and its mean signal ("sphere_signal").</summary>
public sealed class SphereParityTests
{
    public static TheoryData<string> Cases => UnitManifest.Names("sphere");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sphere_voxels_match_nilearn(string name)
    {
        var c = UnitManifest.Case("sphere", name);
        var p = c.GetProperty("params");
        var shape = p.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        var affine = Affine.FromMatrix(p.GetProperty("affine").Matrix());
        var seeds = p.GetProperty("seeds").EnumerateArray().Select(s => s.Nums()).Select(s => new WorldPoint(s[0], s[1], s[2])).ToArray();
        var maskFile = p.GetProperty("mask_img");
        var mask = maskFile.ValueKind == JsonValueKind.String ? NiftiReader.Read(TestData.Path("unit", maskFile.GetString()!)) : null;
        var masker = new SphereMasker(seeds, p.GetProperty("radius").GetDouble(), p.GetProperty("allow_overlap").GetBoolean(), mask);

        if (c.GetProperty("error").ValueKind != JsonValueKind.Null)
        {
            var ex = Assert.Throws<MaskingException>(() => masker.SelectVoxels(shape, affine));
            Assert.Equal(MaskingErrorKind.EmptySphere, ex.Kind);
            Assert.Contains("(500, 0, 0)", ex.Message, StringComparison.Ordinal);
            return;
        }

        var spheres = masker.SelectVoxels(shape, affine);
        for (var s = 0; s < seeds.Length; s++)
        {
            var npy = UnitManifest.Load(c.GetProperty("outputs").GetProperty($"seed{s}_voxel_ijk").GetProperty("file").GetString()!);
            var ijk = Enumerable.Range(0, npy.Count / 3).Select(r => (BitConverter.ToInt32(npy.Bytes, r * 12), BitConverter.ToInt32(npy.Bytes, (r * 12) + 4), BitConverter.ToInt32(npy.Bytes, (r * 12) + 8))).ToArray();
            var expected = ijk.Select(v => (((v.Item1 * shape[1]) + v.Item2) * shape[2]) + v.Item3).ToArray();
            if (name == "one_mm_trunc_quirk")
            {
                // nilearn adds (3,3,3) because int(world) equals int(seed): a defect we do not copy (docs #13).
                Assert.Equal([expected[0]], spheres[s]);
                Assert.Equal(2, expected.Length);
                continue;
            }

            Assert.Equal(expected, spheres[s]); // same voxels, same (ascending C-order) order
        }
    }

    [Fact]
    public void Overlapping_spheres_are_refused_unless_allowed()
    {
        var affine = Affine.Diagonal(4, 4, 4, -96, -132, -78);
        var masker = new SphereMasker([new WorldPoint(0, -52, 18), new WorldPoint(4, -52, 18)], 8, allowOverlap: false);
        var ex = Assert.Throws<MaskingException>(() => masker.SelectVoxels([50, 59, 50], affine));
        Assert.Equal(MaskingErrorKind.SpheresOverlap, ex.Kind);
        Assert.Contains("seeds 1 (0, -52, 18) and 2 (4, -52, 18)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("finite")]
    [InlineData("nan_in_sphere")]
    public void Sphere_signal_is_the_plain_mean_with_NaN_as_zero(string name)
    {
        var c = UnitManifest.Case("sphere_signal", name);
        var p = c.GetProperty("params");
        var image = NiftiReader.Read(TestData.Path("unit", c.GetProperty("inputs").GetProperty("img").GetString()!));
        var seeds = p.GetProperty("seeds").EnumerateArray().Select(s => s.Nums()).Select(s => new WorldPoint(s[0], s[1], s[2])).ToArray();
        var warnings = new List<string>();
        var signals = new SphereMasker(seeds, p.GetProperty("radius").GetDouble()).Transform(image, warnings);
        var expected = UnitManifest.Load(c.GetProperty("outputs").GetProperty("signals").GetProperty("file").GetString()!).AsDoubles();
        Assert.Equal(expected.Length, signals.Data.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], signals.Data[i], 1e-5 * Math.Max(1, Math.Abs(expected[i])));
        }

        Assert.Equal(name == "nan_in_sphere", warnings.Count == 1);
    }

    [Fact]
    public void Inverse_transform_puts_each_seeds_value_on_its_sphere_and_the_mean_where_spheres_overlap()
    {
        var mask = NiftiImage.Create(Enumerable.Repeat(1f, 9 * 3 * 3).ToArray(), [9, 3, 3], Affine.Identity);
        var masker = new SphereMasker([new WorldPoint(3, 1, 1), new WorldPoint(5, 1, 1)], 1, allowOverlap: true, mask);
        var img = masker.InverseTransform([2f, 4f], 1, as3D: true);
        Assert.Equal([9, 3, 3], img.Shape);
        Assert.Equal(2f, img.GetValue(2, 1, 1));
        Assert.Equal(3f, img.GetValue(4, 1, 1)); // in both spheres: the mean of 2 and 4
        Assert.Equal(4f, img.GetValue(6, 1, 1));
        Assert.Equal(2f, img.GetValue(3, 0, 1));
        Assert.Equal(0f, img.GetValue(0, 1, 1));
        Assert.Equal(0f, img.GetValue(8, 1, 1));
        Assert.Throws<InvalidOperationException>(() => new SphereMasker([new WorldPoint(3, 1, 1)], 1).InverseTransform([1f], 1));
    }
}
