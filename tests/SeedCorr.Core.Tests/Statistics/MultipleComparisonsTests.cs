using SeedCorr.Core.Geometry;
using SeedCorr.Core.Statistics;

namespace SeedCorr.Core.Tests.Statistics;

/// <summary>Benjamini–Hochberg by hand, and connected clusters as nilearn's get_clusters_table finds them.</summary>
public sealed class MultipleComparisonsTests
{
    [Fact]
    public void Benjamini_Hochberg_takes_the_largest_p_under_its_line()
    {
        // m = 5, q = 0.05: sorted 0.005 ≤ 0.01, 0.01 ≤ 0.02, 0.03 ≤ 0.03, 0.04 ≤ 0.04, 0.5 > 0.05 → threshold 0.04.
        Assert.Equal(0.04, FalseDiscoveryRate.BenjaminiHochbergThreshold([0.01, 0.04, 0.03, 0.005, 0.5], 0.05));
        // Step-up: k = 4 has 0.045 ≤ 0.05, so all four pass although 0.02 > 0.05/4 at k = 1.
        Assert.Equal(0.045, FalseDiscoveryRate.BenjaminiHochbergThreshold([0.02, 0.03, 0.04, 0.045], 0.05));
        Assert.Null(FalseDiscoveryRate.BenjaminiHochbergThreshold([0.5, 0.9, double.NaN], 0.05));
        Assert.Throws<GroupStatisticsException>(() => FalseDiscoveryRate.BenjaminiHochbergThreshold([0.1], 1.5));
    }

    [Fact]
    public void Clusters_are_6_connected_sorted_by_peak_with_size_in_mm3_and_the_peak_in_world_mm()
    {
        var shape = new[] { 6, 6, 6 };
        var volume = new double[216];
        var mask = Enumerable.Repeat(true, 216).ToArray();
        int At(int i, int j, int k) => i + (6 * j) + (36 * k);
        volume[At(1, 1, 1)] = 4;
        volume[At(2, 1, 1)] = 5;     // face neighbour: same cluster, its peak
        volume[At(2, 2, 1)] = 3.5;   // face neighbour of (2,1,1)
        volume[At(3, 3, 2)] = 9;     // only an edge/corner away from (2,2,1): its own cluster under 6-connectivity
        volume[At(5, 5, 5)] = -6;    // a negative cluster
        volume[At(5, 4, 5)] = -3.2;
        volume[At(0, 5, 0)] = 2.9;   // below the threshold
        var affine = Affine.Diagonal(2, 2, 2, -10, -20, -30);
        var clusters = ClusterTable.Find(volume, mask, shape, affine, 3, Tail.Two);
        Assert.Equal(3, clusters.Count);
        Assert.Equal((1, 1, 1, 8L, 9.0), (clusters[0].Id, clusters[0].Sign, clusters[0].Voxels, clusters[0].VolumeMm3, clusters[0].PeakValue));
        Assert.Equal((3, 3, 2), clusters[0].PeakVoxel);
        Assert.Equal((-4.0, -14.0, -26.0), clusters[0].PeakWorld);
        Assert.Equal((2, 1, 3, 24L, 5.0), (clusters[1].Id, clusters[1].Sign, clusters[1].Voxels, clusters[1].VolumeMm3, clusters[1].PeakValue));
        Assert.Equal((2, 1, 1), clusters[1].PeakVoxel);
        Assert.Equal((3, -1, 2, 16L, -6.0), (clusters[2].Id, clusters[2].Sign, clusters[2].Voxels, clusters[2].VolumeMm3, clusters[2].PeakValue));
        Assert.Equal(2, ClusterTable.Find(volume, mask, shape, affine, 3, Tail.Positive).Count);
        Assert.Single(ClusterTable.Find(volume, mask, shape, affine, 3, Tail.Negative));
        mask[At(3, 3, 2)] = false;
        Assert.Equal(5.0, ClusterTable.Find(volume, mask, shape, affine, 3, Tail.Positive)[0].PeakValue);
    }
}
