using System.Globalization;
using System.Text;

namespace SeedCorr.Core.Geometry;

/// <summary>
/// An immutable 4×4 voxel-to-world matrix (row-major, last row 0 0 0 1), as nibabel's <c>img.affine</c>:
/// world = A · (i, j, k, 1).
/// </summary>
public sealed class Affine : IEquatable<Affine>
{
    private readonly double[] _m; // 16 values, row-major

    /// <summary>Creates an affine from 16 row-major values or 12 (the top three rows).</summary>
    public Affine(IReadOnlyList<double> rowMajor)
    {
        ArgumentNullException.ThrowIfNull(rowMajor);
        if (rowMajor.Count is not (16 or 12))
        {
            throw new ArgumentException("an affine needs 12 or 16 values", nameof(rowMajor));
        }

        _m = new double[16];
        for (var n = 0; n < 12; n++)
        {
            _m[n] = rowMajor[n];
        }

        _m[15] = 1.0;
        if (rowMajor.Count == 16)
        {
            _m[12] = rowMajor[12];
            _m[13] = rowMajor[13];
            _m[14] = rowMajor[14];
            _m[15] = rowMajor[15];
        }
    }

    /// <summary>Creates an affine from a 4×4 (or 3×4) array.</summary>
    public static Affine FromMatrix(double[,] m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (m.GetLength(1) != 4 || m.GetLength(0) is not (3 or 4))
        {
            throw new ArgumentException("expected a 4x4 or 3x4 matrix", nameof(m));
        }

        var v = new double[m.GetLength(0) * 4];
        for (var r = 0; r < m.GetLength(0); r++)
        {
            for (var c = 0; c < 4; c++)
            {
                v[(r * 4) + c] = m[r, c];
            }
        }

        return new Affine(v);
    }

    /// <summary>The identity.</summary>
    public static Affine Identity { get; } = Diagonal(1, 1, 1);

    /// <summary>diag(x, y, z, 1) with an optional translation.</summary>
    public static Affine Diagonal(double x, double y, double z, double tx = 0, double ty = 0, double tz = 0) =>
        new([x, 0, 0, tx, 0, y, 0, ty, 0, 0, z, tz]);

    /// <summary>Element at row <paramref name="row"/>, column <paramref name="column"/>.</summary>
    public double this[int row, int column] => _m[(row * 4) + column];

    /// <summary>A copy as a 4×4 array.</summary>
    public double[,] ToArray()
    {
        var a = new double[4, 4];
        for (var r = 0; r < 4; r++)
        {
            for (var c = 0; c < 4; c++)
            {
                a[r, c] = _m[(r * 4) + c];
            }
        }

        return a;
    }

    /// <summary>The 16 values, row-major.</summary>
    public double[] ToRowMajor() => (double[])_m.Clone();

    /// <summary>Maps a voxel index (fractional allowed) to world coordinates.</summary>
    public (double X, double Y, double Z) Apply(double i, double j, double k) => (
        (_m[0] * i) + (_m[1] * j) + (_m[2] * k) + _m[3],
        (_m[4] * i) + (_m[5] * j) + (_m[6] * k) + _m[7],
        (_m[8] * i) + (_m[9] * j) + (_m[10] * k) + _m[11]);

    /// <summary>Euclidean norms of the first three columns: the voxel size along i, j, k in world units (what nilearn uses for smoothing).</summary>
    public (double I, double J, double K) ColumnNorms()
    {
        double Norm(int c) => Math.Sqrt((_m[c] * _m[c]) + (_m[4 + c] * _m[4 + c]) + (_m[8 + c] * _m[8 + c]));
        return (Norm(0), Norm(1), Norm(2));
    }

    /// <summary>True when every element is finite.</summary>
    public bool IsFinite => Array.TrueForAll(_m, double.IsFinite);

    /// <summary>Determinant of the 3×3 linear part.</summary>
    public double Determinant3 =>
        (_m[0] * ((_m[5] * _m[10]) - (_m[6] * _m[9])))
        - (_m[1] * ((_m[4] * _m[10]) - (_m[6] * _m[8])))
        + (_m[2] * ((_m[4] * _m[9]) - (_m[5] * _m[8])));

    /// <summary>The inverse (world to voxel). Throws when the linear part is singular.</summary>
    public Affine Inverse()
    {
        var det = Determinant3;
        if (det == 0 || !double.IsFinite(det))
        {
            throw new InvalidOperationException("the affine is singular and has no inverse");
        }

        double a = _m[0], b = _m[1], c = _m[2], d = _m[4], e = _m[5], f = _m[6], g = _m[8], h = _m[9], k = _m[10];
        var inv = new double[12];
        inv[0] = ((e * k) - (f * h)) / det;
        inv[1] = ((c * h) - (b * k)) / det;
        inv[2] = ((b * f) - (c * e)) / det;
        inv[4] = ((f * g) - (d * k)) / det;
        inv[5] = ((a * k) - (c * g)) / det;
        inv[6] = ((c * d) - (a * f)) / det;
        inv[8] = ((d * h) - (e * g)) / det;
        inv[9] = ((b * g) - (a * h)) / det;
        inv[10] = ((a * e) - (b * d)) / det;
        for (var r = 0; r < 3; r++)
        {
            inv[(r * 4) + 3] = -((inv[r * 4] * _m[3]) + (inv[(r * 4) + 1] * _m[7]) + (inv[(r * 4) + 2] * _m[11]));
        }

        return new Affine(inv);
    }

    /// <summary>Largest absolute element-wise difference to another affine.</summary>
    public double MaxAbsDifference(Affine other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var max = 0.0;
        for (var n = 0; n < 16; n++)
        {
            max = Math.Max(max, Math.Abs(_m[n] - other._m[n]));
        }

        return max;
    }

    /// <inheritdoc />
    public bool Equals(Affine? other) => other is not null && _m.AsSpan().SequenceEqual(other._m);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Affine);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var v in _m)
        {
            h.Add(v);
        }

        return h.ToHashCode();
    }

    /// <summary>Four bracketed rows, invariant culture, like numpy's print of an affine.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        for (var r = 0; r < 4; r++)
        {
            sb.Append(r == 0 ? "[" : " ");
            sb.Append('[');
            for (var c = 0; c < 4; c++)
            {
                if (c > 0)
                {
                    sb.Append(", ");
                }

                sb.Append(this[r, c].ToString("0.####", CultureInfo.InvariantCulture));
            }

            sb.Append(']');
            sb.Append(r == 3 ? "]" : "\n");
        }

        return sb.ToString();
    }
}
