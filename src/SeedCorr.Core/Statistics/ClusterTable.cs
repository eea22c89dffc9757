using SeedCorr.Core.Geometry;

namespace SeedCorr.Core.Statistics;

/// <summary>One connected cluster of supra-threshold voxels.</summary>
/// <param name="Id">1, 2, … by descending |peak| within a sign, positive clusters first (nilearn's order; numbering continues into the negative ones).</param>
/// <param name="Sign">+1 for a cluster above the threshold, −1 for one below minus the threshold.</param>
/// <param name="Voxels">Number of voxels.</param>
/// <param name="VolumeMm3">Voxels × voxel volume, truncated to an integer as nilearn's table does.</param>
/// <param name="PeakValue">The most extreme statistic in the cluster (signed).</param>
/// <param name="PeakVoxel">Its voxel indices (i, j, k).</param>
/// <param name="PeakWorld">Its world (MNI) coordinate in mm.</param>
public sealed record Cluster(int Id, int Sign, int Voxels, long VolumeMm3, double PeakValue, (int I, int J, int K) PeakVoxel, (double X, double Y, double Z) PeakWorld);

/// <summary>
/// Connected components of a statistic map above a cluster-forming threshold, as nilearn 0.10.4's get_clusters_table:
/// voxels with stat &gt; threshold (and, two-sided, stat &lt; −threshold) joined by 6-connectivity (faces,
/// generate_binary_structure(3, 1)), sorted by descending peak, size in mm³. The peak is the cluster's extreme voxel
/// (the first in file order on a tie); nilearn's sub-peaks are not listed.
/// </summary>
public static class ClusterTable
{
    /// <summary>Finds the clusters of <paramref name="volume"/> (file order, i fastest) inside <paramref name="mask"/>.</summary>
    public static IReadOnlyList<Cluster> Find(ReadOnlySpan<double> volume, ReadOnlySpan<bool> mask, IReadOnlyList<int> shape, Affine affine, double threshold, Tail tail)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(affine);
        if (!(threshold >= 0) || double.IsInfinity(threshold))
        {
            throw new GroupStatisticsException(GroupStatisticsErrorKind.InvalidParameter, $"the cluster-forming threshold must be a finite statistic value ≥ 0; got {threshold}");
        }

        var (nx, ny, nz) = (shape[0], shape[1], shape[2]);
        var (zx, zy, zz) = affine.ColumnNorms();
        var voxelVolume = zx * zy * zz;
        var clusters = new List<Cluster>();
        int[] signs = tail switch { Tail.Positive => [1], Tail.Negative => [-1], _ => [1, -1] };
        var label = new int[volume.Length];
        var queue = new Queue<int>();
        foreach (var sign in signs)
        {
            Array.Clear(label);
            var found = new List<(int Size, double Peak, int PeakIndex)>();
            for (var start = 0; start < volume.Length; start++)
            {
                if (label[start] != 0 || !Above(volume, mask, start, sign, threshold))
                {
                    continue;
                }

                var id = found.Count + 1;
                label[start] = id;
                queue.Enqueue(start);
                int size = 0, peakIndex = start;
                var peak = double.NegativeInfinity;
                while (queue.Count > 0)
                {
                    var v = queue.Dequeue();
                    size++;
                    var value = sign * volume[v];
                    if (value > peak || (value == peak && v < peakIndex))
                    {
                        (peak, peakIndex) = (value, v);
                    }

                    var (i, j, k) = (v % nx, v / nx % ny, v / (nx * ny));
                    Span<int> neighbours =
                    [
                        i > 0 ? v - 1 : -1, i < nx - 1 ? v + 1 : -1,
                        j > 0 ? v - nx : -1, j < ny - 1 ? v + nx : -1,
                        k > 0 ? v - (nx * ny) : -1, k < nz - 1 ? v + (nx * ny) : -1,
                    ];
                    foreach (var neighbour in neighbours)
                    {
                        if (neighbour >= 0 && label[neighbour] == 0 && Above(volume, mask, neighbour, sign, threshold))
                        {
                            label[neighbour] = id;
                            queue.Enqueue(neighbour);
                        }
                    }
                }

                found.Add((size, peak, peakIndex));
            }

            foreach (var c in found.OrderByDescending(c => c.Peak))
            {
                var p = c.PeakIndex;
                var ijk = (p % nx, p / nx % ny, p / (nx * ny));
                clusters.Add(new Cluster(clusters.Count + 1, sign, c.Size, (long)(c.Size * voxelVolume), sign * c.Peak, ijk, affine.Apply(ijk.Item1, ijk.Item2, ijk.Item3)));
            }
        }

        return clusters;
    }

    private static bool Above(ReadOnlySpan<double> volume, ReadOnlySpan<bool> mask, int v, int sign, double threshold) =>
        mask[v] && sign * volume[v] > threshold;
}
