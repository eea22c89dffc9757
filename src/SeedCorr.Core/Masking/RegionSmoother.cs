using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;

namespace SeedCorr.Core.Masking;

/// <summary>
/// The separable Gaussian of <see cref="GaussianSmoothing"/>, computed only where a masker reads it: the bounding box of
/// the kept voxels, grown by the later passes' radii for the earlier passes. Each output is the same float64 sum in the
/// same order as <see cref="GaussianSmoothing.SmoothVolume"/> (so scipy's bits), but the j and k passes read their
/// reflected rows and planes in place and write to a second buffer, so no padded copy of the volume is made. Each row
/// also carries the extent of its non-zero values: an output whose whole window is +0 is +0 without arithmetic, so a
/// zero background (images resampled to a template) costs nothing beyond the kernel's reach. One instance per thread.
/// </summary>
internal sealed class RegionSmoother
{
    private readonly int _nx, _ny, _nz;
    private readonly double[]?[] _kernels;
    private readonly Vector<double>[]?[] _weights; // per axis: w[r + m] broadcast, m = 0..r
    private readonly int _c0, _c1; // columns (i) computed by every pass, inclusive: the box's, widened to whole vectors
    private readonly (int J0, int J1, int K0, int K1) _xRows, _yRows, _zRows;
    private readonly float[] _other;
    private readonly float[] _line;
    private readonly int[] _loA, _hiA, _loB, _hiB; // per row (j + ny·k): outside [lo, hi] the row holds only +0 (lo > hi: all +0)

    public RegionSmoother(IReadOnlyList<int> shape, double[]?[] kernels, ReadOnlySpan<int> offsets)
    {
        _nx = shape[0];
        _ny = shape[1];
        _nz = shape[2];
        _kernels = kernels;
        _weights = kernels.Select(k => k is null ? null : Enumerable.Range(0, (k.Length / 2) + 1).Select(m => new Vector<double>(k[(k.Length / 2) + m])).ToArray()).ToArray();
        int i0 = int.MaxValue, i1 = -1, j0 = int.MaxValue, j1 = -1, k0 = int.MaxValue, k1 = -1;
        foreach (var f in offsets)
        {
            int i = f % _nx, j = f / _nx % _ny, k = f / (_nx * _ny);
            (i0, i1, j0, j1, k0, k1) = (Math.Min(i0, i), Math.Max(i1, i), Math.Min(j0, j), Math.Max(j1, j), Math.Min(k0, k), Math.Max(k1, k));
        }

        if (i1 < 0)
        {
            (i0, i1, j0, j1, k0, k1) = (0, 0, 0, 0, 0, 0);
        }

        var vw = Vector<float>.Count;
        var width = (i1 - i0 + 1 + vw - 1) / vw * vw;
        _c1 = Math.Min(_nx - 1, i0 + width - 1);
        _c0 = Math.Max(0, _c1 - width + 1);
        int ry = Radius(1), rz = Radius(2);
        _zRows = (j0, j1, k0, k1);
        _yRows = (j0, j1, Math.Max(0, k0 - rz), Math.Min(_nz - 1, k1 + rz));
        _xRows = (Math.Max(0, j0 - ry), Math.Min(_ny - 1, j1 + ry), _yRows.K0, _yRows.K1);
        _other = new float[_nx * _ny * _nz];
        _line = new float[_nx + (2 * Radius(0))];
        _loA = new int[_ny * _nz];
        _hiA = new int[_ny * _nz];
        _loB = new int[_ny * _nz];
        _hiB = new int[_ny * _nz];
    }

    /// <summary>
    /// Smooths <paramref name="volume"/> (which becomes a work buffer) and gathers the values at <paramref name="offsets"/>
    /// (inside the box this instance was made for) into <paramref name="row"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SmoothAndGather(float[] volume, ReadOnlySpan<int> offsets, Span<float> row)
    {
        var smoothed = Smooth(volume);
        for (var c = 0; c < offsets.Length; c++)
        {
            row[c] = smoothed[offsets[c]];
        }
    }

    /// <summary>
    /// Smooths <paramref name="volume"/> (which becomes a work buffer) and returns the buffer that holds the result:
    /// exact inside the box this instance was made for (any set of voxels within it can be read), undefined outside.
    /// </summary>
    public float[] Smooth(float[] volume)
    {
        var src = volume;
        var dst = _other;
        var (srcLo, srcHi, dstLo, dstHi) = (_loA, _hiA, _loB, _hiB);
        var first = true;
        for (var axis = 0; axis < 3; axis++)
        {
            if (_kernels[axis] is not { } w)
            {
                continue;
            }

            if (first)
            {
                MarkExtents(src, srcLo, srcHi, _xRows);
                first = false;
            }

            if (axis == 0)
            {
                AlongRows(src, dst, srcLo, srcHi, dstLo, dstHi, w, _weights[axis]!, _xRows);
            }
            else
            {
                AcrossRows(src, dst, srcLo, srcHi, dstLo, dstHi, w, _weights[axis]!, axis == 1 ? _yRows : _zRows, axis);
            }

            (src, dst) = (dst, src);
            (srcLo, srcHi, dstLo, dstHi) = (dstLo, dstHi, srcLo, srcHi);
        }

        return src;
    }

    // An empty extent, far enough out that growing it by a kernel radius or taking hulls keeps it empty.
    private const int EmptyLo = 1 << 29, EmptyHi = -(1 << 29);

    private int Radius(int axis) => _kernels[axis] is { } w ? w.Length / 2 : 0;

    /// <summary>The extent of the non-+0 values of each raw row (any bit set: −0 counts as a value).</summary>
    private void MarkExtents(float[] data, int[] lo, int[] hi, (int J0, int J1, int K0, int K1) rows)
    {
        for (var k = rows.K0; k <= rows.K1; k++)
        {
            for (var j = rows.J0; j <= rows.J1; j++)
            {
                var line = System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(data.AsSpan(_nx * (j + (_ny * k)), _nx));
                var r = j + (_ny * k);
                var first = line.IndexOfAnyExcept(0);
                (lo[r], hi[r]) = first < 0 ? (EmptyLo, EmptyHi) : (first, line.LastIndexOfAnyExcept(0));
            }
        }
    }

    /// <summary>Writes +0 to the box's columns of a row outside [lo, hi] and records the row's extent.</summary>
    private void ClearOutside(Span<float> boxRow, int lo, int hi, int[] dstLo, int[] dstHi, int rowIndex)
    {
        if (lo > hi)
        {
            boxRow.Clear();
        }
        else
        {
            boxRow[..(lo - _c0)].Clear();
            boxRow[(hi - _c0 + 1)..].Clear();
        }

        dstLo[rowIndex] = lo;
        dstHi[rowIndex] = hi;
    }

    /// <summary>
    /// The i pass: each needed row, reflect-padded, convolved into the box's columns of the destination, over the
    /// reach of its non-zero inputs only (an output more than the radius away from them, reflection included, is +0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AlongRows(float[] src, float[] dst, int[] srcLo, int[] srcHi, int[] dstLo, int[] dstHi, double[] w, Vector<double>[] wv, (int J0, int J1, int K0, int K1) rows)
    {
        var r = w.Length / 2;
        var vw = Vector<float>.Count;
        var padded = _line;
        for (var k = rows.K0; k <= rows.K1; k++)
        {
            for (var j = rows.J0; j <= rows.J1; j++)
            {
                var rowIndex = j + (_ny * k);
                var start = _nx * rowIndex;
                int from = Math.Max(_c0, srcLo[rowIndex] - r), to = Math.Min(_c1, srcHi[rowIndex] + r);
                ClearOutside(dst.AsSpan(start + _c0, _c1 - _c0 + 1), from, to, dstLo, dstHi, rowIndex);
                if (from > to)
                {
                    continue;
                }

                var x = src.AsSpan(start, _nx);
                for (var p = 0; p < _nx + (2 * r); p++)
                {
                    padded[p] = x[GaussianSmoothing.Reflect(p - r, _nx)];
                }

                var i = from;
                ref var line = ref MemoryMarshal.GetArrayDataReference(padded);
                ref var output = ref MemoryMarshal.GetArrayDataReference(dst);
                for (; i + vw <= to + 1; i += vw)
                {
                    // Loads stay inside padded (i + r ± m within [0, nx + 2r)): no bounds checks in the hot loop.
                    Vector.Widen(Vector.LoadUnsafe(ref line, (nuint)(i + r)), out var lo, out var hi);
                    lo *= wv[0];
                    hi *= wv[0];
                    for (var m = 1; m <= r; m++)
                    {
                        Vector.Widen(Vector.LoadUnsafe(ref line, (nuint)(i + r - m)), out var al, out var ah);
                        Vector.Widen(Vector.LoadUnsafe(ref line, (nuint)(i + r + m)), out var bl, out var bh);
                        lo += (al + bl) * wv[m];
                        hi += (ah + bh) * wv[m];
                    }

                    Vector.Narrow(lo, hi).StoreUnsafe(ref output, (nuint)(start + i));
                }

                for (; i <= to; i++)
                {
                    var acc = padded[i + r] * w[r];
                    for (var m = 1; m <= r; m++)
                    {
                        acc += ((double)padded[i + r - m] + padded[i + r + m]) * w[r + m];
                    }

                    dst[start + i] = (float)acc;
                }
            }
        }
    }

    /// <summary>
    /// The j (axis 1) or k (axis 2) pass: each needed output row is a weighted sum of whole source rows (the reflected
    /// neighbours along the axis), vectorised across the columns where any of those rows is non-zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AcrossRows(float[] src, float[] dst, int[] srcLo, int[] srcHi, int[] dstLo, int[] dstHi, double[] w, Vector<double>[] wv, (int J0, int J1, int K0, int K1) rows, int axis)
    {
        var r = w.Length / 2;
        var vw = Vector<float>.Count;
        var extent = axis == 1 ? _ny : _nz;
        var stride = axis == 1 ? _nx : _nx * _ny; // floats between neighbours along the axis
        var rowStride = axis == 1 ? 1 : _ny;        // rows (j + ny·k) between neighbours along the axis
        Span<int> lower = stackalloc int[r + 1];
        Span<int> upper = stackalloc int[r + 1];
        for (var k = rows.K0; k <= rows.K1; k++)
        {
            for (var j = rows.J0; j <= rows.J1; j++)
            {
                var rowIndex = j + (_ny * k);
                var position = axis == 1 ? j : k;
                int from = srcLo[rowIndex], to = srcHi[rowIndex];
                for (var m = 1; m <= r; m++)
                {
                    // Source rows m before and after along the axis, reflected at the volume's edges (scipy "reflect").
                    var below = GaussianSmoothing.Reflect(position - m, extent) - position;
                    var above = GaussianSmoothing.Reflect(position + m, extent) - position;
                    lower[m] = below * stride;
                    upper[m] = above * stride;
                    int a = rowIndex + (below * rowStride), b = rowIndex + (above * rowStride);
                    from = Math.Min(from, Math.Min(srcLo[a], srcLo[b]));
                    to = Math.Max(to, Math.Max(srcHi[a], srcHi[b]));
                }

                (from, to) = (Math.Max(from, _c0), Math.Min(to, _c1));
                var rowStart = _nx * rowIndex;
                ClearOutside(dst.AsSpan(rowStart + _c0, _c1 - _c0 + 1), from, to, dstLo, dstHi, rowIndex);
                if (from > to)
                {
                    continue;
                }

                var c = rowStart + from;
                var end = rowStart + to + 1;
                ref var input = ref MemoryMarshal.GetArrayDataReference(src);
                ref var output = ref MemoryMarshal.GetArrayDataReference(dst);
                for (; c + vw <= end; c += vw)
                {
                    // Every load is within a row of the volume (reflected neighbours are rows of the grid): no bounds checks.
                    Vector.Widen(Vector.LoadUnsafe(ref input, (nuint)c), out var lo, out var hi);
                    lo *= wv[0];
                    hi *= wv[0];
                    for (var m = 1; m <= r; m++)
                    {
                        Vector.Widen(Vector.LoadUnsafe(ref input, (nuint)(c + lower[m])), out var al, out var ah);
                        Vector.Widen(Vector.LoadUnsafe(ref input, (nuint)(c + upper[m])), out var bl, out var bh);
                        lo += (al + bl) * wv[m];
                        hi += (ah + bh) * wv[m];
                    }

                    Vector.Narrow(lo, hi).StoreUnsafe(ref output, (nuint)c);
                }

                for (; c < end; c++)
                {
                    var acc = src[c] * w[r];
                    for (var m = 1; m <= r; m++)
                    {
                        acc += ((double)src[c + lower[m]] + src[c + upper[m]]) * w[r + m];
                    }

                    dst[c] = (float)acc;
                }
            }
        }
    }
}
