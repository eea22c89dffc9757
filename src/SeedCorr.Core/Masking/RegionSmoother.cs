using System.Numerics;

namespace SeedCorr.Core.Masking;

/// <summary>
/// The separable Gaussian of <see cref="GaussianSmoothing"/>, computed only where a masker reads it: the bounding box of
/// the kept voxels, grown by the later passes' radii for the earlier passes. Each output is the same float64 sum in the
/// same order as <see cref="GaussianSmoothing.SmoothVolume"/> (so scipy's bits), but the j and k passes read their
/// reflected rows and planes in place and write to a second buffer, so no padded copy of the volume is made, and a
/// row whose inputs are all +0 gives +0 without arithmetic (a zero background costs nothing). One instance per thread.
/// </summary>
internal sealed class RegionSmoother
{
    private readonly int _nx, _ny, _nz;
    private readonly double[]?[] _kernels;
    private readonly int _c0, _c1; // columns (i) computed by every pass, inclusive: the box's, widened to whole vectors
    private readonly (int J0, int J1, int K0, int K1) _xRows, _yRows, _zRows;
    private readonly float[] _other;
    private readonly float[] _line;
    private readonly bool[] _zeroA, _zeroB; // per row (j + ny·k): the row holds only +0 in the buffer it belongs to

    public RegionSmoother(IReadOnlyList<int> shape, double[]?[] kernels, ReadOnlySpan<int> offsets)
    {
        _nx = shape[0];
        _ny = shape[1];
        _nz = shape[2];
        _kernels = kernels;
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
        _zeroA = new bool[_ny * _nz];
        _zeroB = new bool[_ny * _nz];
    }

    /// <summary>
    /// Smooths <paramref name="volume"/> (which becomes a work buffer) and gathers the values at <paramref name="offsets"/>
    /// (inside the box this instance was made for) into <paramref name="row"/>.
    /// </summary>
    public void SmoothAndGather(float[] volume, ReadOnlySpan<int> offsets, Span<float> row)
    {
        var src = volume;
        var dst = _other;
        var srcZero = _zeroA;
        var dstZero = _zeroB;
        var first = true;
        for (var axis = 0; axis < 3; axis++)
        {
            if (_kernels[axis] is not { } w)
            {
                continue;
            }

            if (first)
            {
                MarkZeroRows(src, srcZero, _xRows);
                first = false;
            }

            var target = axis == 0 ? _xRows : axis == 1 ? _yRows : _zRows;
            if (axis == 0)
            {
                AlongRows(src, dst, srcZero, dstZero, w, target);
            }
            else
            {
                AcrossRows(src, dst, srcZero, dstZero, w, target, axis);
            }

            (src, dst) = (dst, src);
            (srcZero, dstZero) = (dstZero, srcZero);
        }

        for (var c = 0; c < offsets.Length; c++)
        {
            row[c] = src[offsets[c]];
        }
    }

    private int Radius(int axis) => _kernels[axis] is { } w ? w.Length / 2 : 0;

    private void MarkZeroRows(float[] data, bool[] zero, (int J0, int J1, int K0, int K1) rows)
    {
        for (var k = rows.K0; k <= rows.K1; k++)
        {
            for (var j = rows.J0; j <= rows.J1; j++)
            {
                var line = System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(data.AsSpan(_nx * (j + (_ny * k)), _nx));
                zero[j + (_ny * k)] = !line.ContainsAnyExcept(0);
            }
        }
    }

    /// <summary>The i pass: each needed row, reflect-padded, convolved into the box's columns of the destination.</summary>
    private void AlongRows(float[] src, float[] dst, bool[] srcZero, bool[] dstZero, double[] w, (int J0, int J1, int K0, int K1) rows)
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
                var output = dst.AsSpan(start + _c0, _c1 - _c0 + 1);
                if (srcZero[rowIndex])
                {
                    output.Clear();
                    dstZero[rowIndex] = true;
                    continue;
                }

                dstZero[rowIndex] = false;
                var x = src.AsSpan(start, _nx);
                for (var p = 0; p < _nx + (2 * r); p++)
                {
                    padded[p] = x[GaussianSmoothing.Reflect(p - r, _nx)];
                }

                var i = _c0;
                for (; i + vw <= _c1 + 1; i += vw)
                {
                    Vector.Widen(new Vector<float>(padded, i + r), out var lo, out var hi);
                    lo *= w[r];
                    hi *= w[r];
                    for (var m = 1; m <= r; m++)
                    {
                        Vector.Widen(new Vector<float>(padded, i + r - m), out var al, out var ah);
                        Vector.Widen(new Vector<float>(padded, i + r + m), out var bl, out var bh);
                        lo += (al + bl) * w[r + m];
                        hi += (ah + bh) * w[r + m];
                    }

                    Vector.Narrow(lo, hi).CopyTo(dst.AsSpan(start + i, vw));
                }

                for (; i <= _c1; i++)
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
    /// neighbours along the axis), vectorised across the box's columns.
    /// </summary>
    private void AcrossRows(float[] src, float[] dst, bool[] srcZero, bool[] dstZero, double[] w, (int J0, int J1, int K0, int K1) rows, int axis)
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
                var centre = (_nx * rowIndex) + _c0;
                var allZero = srcZero[rowIndex];
                for (var m = 1; m <= r; m++)
                {
                    // Source rows m before and after along the axis, reflected at the volume's edges (scipy "reflect").
                    lower[m] = (GaussianSmoothing.Reflect(position - m, extent) - position) * stride;
                    upper[m] = (GaussianSmoothing.Reflect(position + m, extent) - position) * stride;
                    allZero &= srcZero[rowIndex + (lower[m] / stride * rowStride)] && srcZero[rowIndex + (upper[m] / stride * rowStride)];
                }

                var output = dst.AsSpan(centre, _c1 - _c0 + 1);
                dstZero[rowIndex] = allZero;
                if (allZero)
                {
                    output.Clear();
                    continue;
                }

                var c = 0;
                for (; c + vw <= output.Length; c += vw)
                {
                    var at = centre + c;
                    Vector.Widen(new Vector<float>(src, at), out var lo, out var hi);
                    lo *= w[r];
                    hi *= w[r];
                    for (var m = 1; m <= r; m++)
                    {
                        Vector.Widen(new Vector<float>(src, at + lower[m]), out var al, out var ah);
                        Vector.Widen(new Vector<float>(src, at + upper[m]), out var bl, out var bh);
                        lo += (al + bl) * w[r + m];
                        hi += (ah + bh) * w[r + m];
                    }

                    Vector.Narrow(lo, hi).CopyTo(output.Slice(c, vw));
                }

                for (; c < output.Length; c++)
                {
                    var at = centre + c;
                    var acc = src[at] * w[r];
                    for (var m = 1; m <= r; m++)
                    {
                        acc += ((double)src[at + lower[m]] + src[at + upper[m]]) * w[r + m];
                    }

                    output[c] = (float)acc;
                }
            }
        }
    }
}
