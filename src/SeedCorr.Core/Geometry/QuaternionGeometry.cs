namespace SeedCorr.Core.Geometry;

/// <summary>The NIfTI qform: quaternion + offsets + pixdim + qfac, in both directions.</summary>
public static class QuaternionGeometry
{
    // nibabel's tolerance for 1 - (b²+c²+d²) going slightly negative through float rounding (3 eps of the field type).
    private const double Float32Threshold = -3 * 1.1920928955078125e-07;
    private const double Float64Threshold = -3 * 2.220446049250313e-16;

    /// <summary>
    /// Builds the qform matrix as nibabel's <c>get_qform()</c> does: a = sqrt(1 − b² − c² − d²) (0 when the sum exceeds 1
    /// by less than 3 eps of the stored float type; more than that is an invalid quaternion), R from (a, b, c, d),
    /// the third column scaled by qfac, columns by pixdim.
    /// </summary>
    public static Affine QformFromHeader(double b, double c, double d, double qx, double qy, double qz,
        double dx, double dy, double dz, double qfac, bool float64Fields)
    {
        var w2 = 1.0 - ((b * b) + (c * c) + (d * d));
        double a;
        if (w2 < 0)
        {
            var threshold = float64Fields ? Float64Threshold : Float32Threshold;
            if (w2 < threshold)
            {
                // Not a unit quaternion: normalise rather than fail, so that a file with a broken qform whose
                // sform is used still opens (the qform is then only informative).
                var n = Math.Sqrt((b * b) + (c * c) + (d * d));
                b /= n;
                c /= n;
                d /= n;
            }

            a = 0;
        }
        else
        {
            a = Math.Sqrt(w2);
        }

        var r = RotationFromQuaternion(a, b, c, d);
        double[] zooms = [dx, dy, dz * qfac];
        var m = new double[12];
        for (var row = 0; row < 3; row++)
        {
            for (var col = 0; col < 3; col++)
            {
                m[(row * 4) + col] = r[row, col] * zooms[col];
            }
        }

        m[3] = qx;
        m[7] = qy;
        m[11] = qz;
        return new Affine(m);
    }

    /// <summary>nibabel's <c>quat2mat</c>: rotation matrix of a (not necessarily unit) quaternion w, x, y, z.</summary>
    private static double[,] RotationFromQuaternion(double w, double x, double y, double z)
    {
        var nq = (w * w) + (x * x) + (y * y) + (z * z);
        if (nq < 2.220446049250313e-16)
        {
            return new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
        }

        var s = 2.0 / nq;
        double xs = x * s, ys = y * s, zs = z * s;
        double wx = w * xs, wy = w * ys, wz = w * zs;
        double xx = x * xs, xy = x * ys, xz = x * zs;
        double yy = y * ys, yz = y * zs, zz = z * zs;
        return new double[,]
        {
            { 1.0 - (yy + zz), xy - wz, xz + wy },
            { xy + wz, 1.0 - (xx + zz), yz - wx },
            { xz - wy, yz + wx, 1.0 - (xx + yy) },
        };
    }

    /// <summary>The qform parameters that represent an affine as closely as a rotation, zooms and qfac can.</summary>
    public readonly record struct QformParameters(double B, double C, double D, double QOffsetX, double QOffsetY, double QOffsetZ,
        double PixDimX, double PixDimY, double PixDimZ, double Qfac);

    /// <summary>
    /// The inverse of <see cref="QformFromHeader"/> (niftilib's <c>nifti_mat44_to_quatern</c>): zooms are the column norms,
    /// the normalised columns are replaced by the nearest orthogonal matrix (polar decomposition: shears cannot be
    /// represented and are dropped), a negative determinant becomes qfac = −1, then the quaternion with a ≥ 0.
    /// </summary>
    public static QformParameters FromAffine(Affine affine)
    {
        ArgumentNullException.ThrowIfNull(affine);
        var (nx, ny, nz) = affine.ColumnNorms();
        double[] zooms = [nx == 0 ? 1 : nx, ny == 0 ? 1 : ny, nz == 0 ? 1 : nz];
        var q = new double[3, 3];
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 3; c++)
            {
                q[r, c] = affine[r, c] / zooms[c];
            }
        }

        q = NearestOrthogonal(q);
        var det = Det(q);
        var qfac = 1.0;
        if (det < 0)
        {
            qfac = -1.0;
            for (var r = 0; r < 3; r++)
            {
                q[r, 2] = -q[r, 2];
            }
        }

        // Quaternion from a proper rotation (Shepperd's method, niftilib's branch order).
        double a = q[0, 0] + q[1, 1] + q[2, 2] + 1.0, b, cq, d;
        if (a > 0.5)
        {
            a = 0.5 * Math.Sqrt(a);
            b = 0.25 * (q[2, 1] - q[1, 2]) / a;
            cq = 0.25 * (q[0, 2] - q[2, 0]) / a;
            d = 0.25 * (q[1, 0] - q[0, 1]) / a;
        }
        else
        {
            var xd = 1.0 + q[0, 0] - (q[1, 1] + q[2, 2]);
            var yd = 1.0 + q[1, 1] - (q[0, 0] + q[2, 2]);
            var zd = 1.0 + q[2, 2] - (q[0, 0] + q[1, 1]);
            if (xd > 1.0)
            {
                b = 0.5 * Math.Sqrt(xd);
                cq = 0.25 * (q[0, 1] + q[1, 0]) / b;
                d = 0.25 * (q[0, 2] + q[2, 0]) / b;
                a = 0.25 * (q[2, 1] - q[1, 2]) / b;
            }
            else if (yd > 1.0)
            {
                cq = 0.5 * Math.Sqrt(yd);
                b = 0.25 * (q[0, 1] + q[1, 0]) / cq;
                d = 0.25 * (q[1, 2] + q[2, 1]) / cq;
                a = 0.25 * (q[0, 2] - q[2, 0]) / cq;
            }
            else
            {
                d = 0.5 * Math.Sqrt(zd);
                b = 0.25 * (q[0, 2] + q[2, 0]) / d;
                cq = 0.25 * (q[1, 2] + q[2, 1]) / d;
                a = 0.25 * (q[1, 0] - q[0, 1]) / d;
            }

            if (a < 0)
            {
                b = -b;
                cq = -cq;
                d = -d;
            }
        }

        return new QformParameters(b, cq, d, affine[0, 3], affine[1, 3], affine[2, 3], zooms[0], zooms[1], zooms[2], qfac);
    }

    /// <summary>Polar decomposition by Newton iteration X ← (X + X⁻ᵀ)/2, which converges quadratically for a non-singular X.</summary>
    private static double[,] NearestOrthogonal(double[,] x)
    {
        if (Math.Abs(Det(x)) < 1e-12)
        {
            // Degenerate (e.g. a zero column): fall back to the identity rotation rather than dividing by ~0.
            return new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
        }

        for (var iter = 0; iter < 100; iter++)
        {
            var invT = InverseTranspose(x);
            var next = new double[3, 3];
            var change = 0.0;
            for (var r = 0; r < 3; r++)
            {
                for (var c = 0; c < 3; c++)
                {
                    next[r, c] = 0.5 * (x[r, c] + invT[r, c]);
                    change = Math.Max(change, Math.Abs(next[r, c] - x[r, c]));
                }
            }

            x = next;
            if (change < 1e-15)
            {
                break;
            }
        }

        return x;
    }

    private static double Det(double[,] m) =>
        (m[0, 0] * ((m[1, 1] * m[2, 2]) - (m[1, 2] * m[2, 1])))
        - (m[0, 1] * ((m[1, 0] * m[2, 2]) - (m[1, 2] * m[2, 0])))
        + (m[0, 2] * ((m[1, 0] * m[2, 1]) - (m[1, 1] * m[2, 0])));

    private static double[,] InverseTranspose(double[,] m)
    {
        var det = Det(m);
        var it = new double[3, 3];
        // Cofactor matrix divided by det is the inverse transpose.
        it[0, 0] = ((m[1, 1] * m[2, 2]) - (m[1, 2] * m[2, 1])) / det;
        it[0, 1] = ((m[1, 2] * m[2, 0]) - (m[1, 0] * m[2, 2])) / det;
        it[0, 2] = ((m[1, 0] * m[2, 1]) - (m[1, 1] * m[2, 0])) / det;
        it[1, 0] = ((m[0, 2] * m[2, 1]) - (m[0, 1] * m[2, 2])) / det;
        it[1, 1] = ((m[0, 0] * m[2, 2]) - (m[0, 2] * m[2, 0])) / det;
        it[1, 2] = ((m[0, 1] * m[2, 0]) - (m[0, 0] * m[2, 1])) / det;
        it[2, 0] = ((m[0, 1] * m[1, 2]) - (m[0, 2] * m[1, 1])) / det;
        it[2, 1] = ((m[0, 2] * m[1, 0]) - (m[0, 0] * m[1, 2])) / det;
        it[2, 2] = ((m[0, 0] * m[1, 1]) - (m[0, 1] * m[1, 0])) / det;
        return it;
    }
}
