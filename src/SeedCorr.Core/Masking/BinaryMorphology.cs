namespace SeedCorr.Core.Masking;

/// <summary>
/// scipy.ndimage binary morphology on 3D boolean volumes (F order, i fastest) with the 6-neighbour cross structure
/// and border value 0, and the largest 6-connected component with nilearn's tie rule (first label in C order).
/// </summary>
internal static class BinaryMorphology
{
    public static bool[] Erode(bool[] m, int nx, int ny, int nz, int iterations)
    {
        for (var it = 0; it < iterations; it++)
        {
            var o = new bool[m.Length];
            for (var k = 0; k < nz; k++)
            {
                for (var j = 0; j < ny; j++)
                {
                    for (var i = 0; i < nx; i++)
                    {
                        var p = i + (nx * (j + (ny * k)));
                        // Outside the volume counts as false (border_value=0).
                        o[p] = m[p]
                            && i > 0 && m[p - 1] && i < nx - 1 && m[p + 1]
                            && j > 0 && m[p - nx] && j < ny - 1 && m[p + nx]
                            && k > 0 && m[p - (nx * ny)] && k < nz - 1 && m[p + (nx * ny)];
                    }
                }
            }

            m = o;
        }

        return m;
    }

    public static bool[] Dilate(bool[] m, int nx, int ny, int nz, int iterations)
    {
        for (var it = 0; it < iterations; it++)
        {
            var o = new bool[m.Length];
            for (var k = 0; k < nz; k++)
            {
                for (var j = 0; j < ny; j++)
                {
                    for (var i = 0; i < nx; i++)
                    {
                        var p = i + (nx * (j + (ny * k)));
                        o[p] = m[p]
                            || (i > 0 && m[p - 1]) || (i < nx - 1 && m[p + 1])
                            || (j > 0 && m[p - nx]) || (j < ny - 1 && m[p + nx])
                            || (k > 0 && m[p - (nx * ny)]) || (k < nz - 1 && m[p + (nx * ny)]);
                    }
                }
            }

            m = o;
        }

        return m;
    }

    /// <summary>The largest 6-connected component; on a tie the component met first in C order (as scipy.ndimage.label + argmax).</summary>
    public static bool[] LargestComponent(bool[] m, int nx, int ny, int nz)
    {
        var label = new int[m.Length];
        var sizes = new List<int> { 0 };
        var queue = new Queue<int>();
        // Scan in C order (i slowest, k fastest) so labels are numbered as scipy numbers them.
        for (var i = 0; i < nx; i++)
        {
            for (var j = 0; j < ny; j++)
            {
                for (var k = 0; k < nz; k++)
                {
                    var p = i + (nx * (j + (ny * k)));
                    if (!m[p] || label[p] != 0)
                    {
                        continue;
                    }

                    var id = sizes.Count;
                    var size = 0;
                    label[p] = id;
                    queue.Enqueue(p);
                    while (queue.Count > 0)
                    {
                        var q = queue.Dequeue();
                        size++;
                        int qi = q % nx, qj = q / nx % ny, qk = q / (nx * ny);
                        void Visit(int r)
                        {
                            if (m[r] && label[r] == 0)
                            {
                                label[r] = id;
                                queue.Enqueue(r);
                            }
                        }

                        if (qi > 0) { Visit(q - 1); }
                        if (qi < nx - 1) { Visit(q + 1); }
                        if (qj > 0) { Visit(q - nx); }
                        if (qj < ny - 1) { Visit(q + nx); }
                        if (qk > 0) { Visit(q - (nx * ny)); }
                        if (qk < nz - 1) { Visit(q + (nx * ny)); }
                    }

                    sizes.Add(size);
                }
            }
        }

        if (sizes.Count == 1)
        {
            return m;
        }

        var best = 1;
        for (var l = 2; l < sizes.Count; l++)
        {
            if (sizes[l] > sizes[best])
            {
                best = l;
            }
        }

        return label.Select(l => l == best).ToArray();
    }
}
