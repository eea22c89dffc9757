using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;

namespace SeedCorr.Core.Signal;

/// <summary>
/// scipy.signal.filtfilt(b, a, x, padtype="odd", padlen=3·max(len a, len b), method="pad") over every column of a
/// time-major matrix: odd extension at both ends, forward lfilter from zi·x[0], backward lfilter from zi·y[-1], cut
/// the padding. The recursion runs in float64 and is vectorised across columns (each SIMD lane is one series, so
/// the time recursion never crosses lanes); blocks of columns run in parallel.
/// </summary>
internal static class ZeroPhaseFilter
{
    // Columns per block: the block's extended buffer ((T + 2·pad) × Width doubles) stays in L2 for typical T.
    private const int Width = 64;

    /// <summary>Filters the columns of a time-major matrix (data[t·columns + c]) in place; the recursion runs in float64.</summary>
    public static void Apply<T>(ButterworthFilter filter, T[] data, int timepoints, int columns, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(data);
        Check(filter, timepoints);
        var blocks = (columns + Width - 1) / Width;
        Parallel.For(0, blocks, new ParallelOptions { CancellationToken = cancellationToken }, () => new Workspace(filter, timepoints), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (block, _, ws) =>
        {
            var c0 = block * Width;
            var w = Math.Min(Width, columns - c0);
            for (var t = 0; t < timepoints; t++)
            {
                var src = data.AsSpan((t * columns) + c0, w);
                var dst = ws.Ext.AsSpan((t + ws.Pad) * Width, w);
                for (var c = 0; c < w; c++)
                {
                    dst[c] = double.CreateTruncating(src[c]);
                }
            }

            ws.Run(w);
            for (var t = 0; t < timepoints; t++)
            {
                var src = ws.Ext.AsSpan((t + ws.Pad) * Width, w);
                var dst = data.AsSpan((t * columns) + c0, w);
                for (var c = 0; c < w; c++)
                {
                    dst[c] = T.CreateTruncating(src[c]);
                }
            }

            return ws;
        }, _ => { });
    }

    private static void Check(ButterworthFilter filter, int timepoints)
    {
        if (timepoints <= filter.PadLength)
        {
            throw new SignalException(SignalErrorKind.SeriesTooShort,
                $"the series has {timepoints} time points; zero-phase Butterworth filtering pads {filter.PadLength} samples at each end and needs more than {filter.PadLength} time points. Use a high- or low-pass only (padding 18), the cosine filter, or longer runs.");
        }
    }

    /// <summary>Per-thread buffers, reused across blocks: no allocation per series.</summary>
    private sealed class Workspace
    {
        private readonly double[] _b;
        private readonly double[] _a;
        private readonly double[] _zi;
        private readonly double[] _state;
        private readonly int _timepoints;

        public Workspace(ButterworthFilter filter, int timepoints)
        {
            var n = Math.Max(filter.A.Length, filter.B.Length);
            _b = new double[n];
            _a = new double[n];
            Array.Copy(filter.B, _b, filter.B.Length);
            Array.Copy(filter.A, _a, filter.A.Length);
            var a0 = _a[0];
            for (var i = 0; i < n; i++)
            {
                _b[i] /= a0;
                _a[i] /= a0;
            }

            _zi = filter.InitialState;
            Pad = filter.PadLength;
            _timepoints = timepoints;
            Ext = new double[(timepoints + (2 * Pad)) * Width];
            _state = new double[n - 1];
        }

        public int Pad { get; }

        /// <summary>Rows: Pad + timepoints + Pad, each Width wide; the signal sits in rows [Pad, Pad + timepoints).</summary>
        public double[] Ext { get; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int w)
        {
            var len = _timepoints + (2 * Pad);
            // Odd extension: left[k] = 2·x[0] − x[Pad − k], right[k] = 2·x[T−1] − x[T−2−k].
            for (var k = 0; k < Pad; k++)
            {
                var dst = Ext.AsSpan(k * Width, w);
                var mirror = Ext.AsSpan((Pad + (Pad - k)) * Width, w);
                var first = Ext.AsSpan(Pad * Width, w);
                for (var c = 0; c < w; c++)
                {
                    dst[c] = (2 * first[c]) - mirror[c];
                }
            }

            var lastRow = Pad + _timepoints - 1;
            for (var k = 0; k < Pad; k++)
            {
                var dst = Ext.AsSpan((lastRow + 1 + k) * Width, w);
                var mirror = Ext.AsSpan((lastRow - 1 - k) * Width, w);
                var last = Ext.AsSpan(lastRow * Width, w);
                for (var c = 0; c < w; c++)
                {
                    dst[c] = (2 * last[c]) - mirror[c];
                }
            }

            Pass(0, len, 1, w);
            Pass(len - 1, len, -1, w);
        }

        /// <summary>lfilter (direct form II transposed) along time, in place, starting at row <paramref name="start"/> in direction <paramref name="step"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Pass(int start, int len, int step, int w)
        {
            var m = _a.Length - 1;
            var vw = Vector<double>.Count;
            var vecEnd = w - (w % vw);
            Span<Vector<double>> bv = stackalloc Vector<double>[m + 1];
            Span<Vector<double>> av = stackalloc Vector<double>[m + 1];
            Span<Vector<double>> z = stackalloc Vector<double>[m];
            for (var i = 0; i <= m; i++)
            {
                bv[i] = new Vector<double>(_b[i]);
                av[i] = new Vector<double>(_a[i]);
            }

            // One group of lanes at a time through the whole series: the m states stay in registers / L1 instead of
            // being reloaded from memory at every time step.
            if (m == 10)
            {
                PassOrder10(start, len, step, vecEnd);
            }

            for (var c = m == 10 ? vecEnd : 0; c < vecEnd; c += vw)
            {
                var first = new Vector<double>(Ext, (start * Width) + c);
                for (var i = 0; i < m; i++)
                {
                    z[i] = new Vector<double>(_zi[i]) * first;
                }

                for (int n = 0, row = start; n < len; n++, row += step)
                {
                    var at = (row * Width) + c;
                    var x = new Vector<double>(Ext, at);
                    var y = (bv[0] * x) + z[0];
                    for (var i = 0; i < m - 1; i++)
                    {
                        z[i] = (bv[i + 1] * x) + z[i + 1] - (av[i + 1] * y);
                    }

                    z[m - 1] = (bv[m] * x) - (av[m] * y);
                    y.CopyTo(Ext, at);
                }
            }

            for (var c = vecEnd; c < w; c++)
            {
                var first = Ext[(start * Width) + c];
                for (var i = 0; i < m; i++)
                {
                    _state[i] = _zi[i] * first;
                }

                for (int n = 0, row = start; n < len; n++, row += step)
                {
                    var at = (row * Width) + c;
                    var x = Ext[at];
                    var y = (_b[0] * x) + _state[0];
                    for (var i = 0; i < m - 1; i++)
                    {
                        _state[i] = (_b[i + 1] * x) + _state[i + 1] - (_a[i + 1] * y);
                    }

                    _state[m - 1] = (_b[m] * x) - (_a[m] * y);
                    Ext[at] = y;
                }
            }
        }

        /// <summary>
        /// <see cref="Pass"/> for 10 states (the band-pass of order 5 that the seed example uses), with the states and
        /// coefficients in locals so the JIT keeps them in registers: the same operations in the same order, so the
        /// same bits, without a load and a store of every state at every time step.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void PassOrder10(int start, int len, int step, int vecEnd)
        {
            var vw = Vector<double>.Count;
            Vector<double> b0 = new(_b[0]), b1 = new(_b[1]), b2 = new(_b[2]), b3 = new(_b[3]), b4 = new(_b[4]), b5 = new(_b[5]),
                b6 = new(_b[6]), b7 = new(_b[7]), b8 = new(_b[8]), b9 = new(_b[9]), b10 = new(_b[10]);
            Vector<double> a1 = new(_a[1]), a2 = new(_a[2]), a3 = new(_a[3]), a4 = new(_a[4]), a5 = new(_a[5]),
                a6 = new(_a[6]), a7 = new(_a[7]), a8 = new(_a[8]), a9 = new(_a[9]), a10 = new(_a[10]);
            ref var ext = ref MemoryMarshal.GetArrayDataReference(Ext);
            var c = 0;
            for (; c + (2 * vw) <= vecEnd; c += 2 * vw)
            {
                // Two groups of lanes at once: the recursion is a chain of dependent operations per group, so a second,
                // independent chain keeps the FP units busy while the first waits on its latencies.
                var fa = Vector.LoadUnsafe(ref ext, (nuint)((start * Width) + c));
                var fb = Vector.LoadUnsafe(ref ext, (nuint)((start * Width) + c + vw));
                Vector<double> p0 = new Vector<double>(_zi[0]) * fa, p1 = new Vector<double>(_zi[1]) * fa, p2 = new Vector<double>(_zi[2]) * fa,
                    p3 = new Vector<double>(_zi[3]) * fa, p4 = new Vector<double>(_zi[4]) * fa, p5 = new Vector<double>(_zi[5]) * fa,
                    p6 = new Vector<double>(_zi[6]) * fa, p7 = new Vector<double>(_zi[7]) * fa, p8 = new Vector<double>(_zi[8]) * fa,
                    p9 = new Vector<double>(_zi[9]) * fa;
                Vector<double> q0 = new Vector<double>(_zi[0]) * fb, q1 = new Vector<double>(_zi[1]) * fb, q2 = new Vector<double>(_zi[2]) * fb,
                    q3 = new Vector<double>(_zi[3]) * fb, q4 = new Vector<double>(_zi[4]) * fb, q5 = new Vector<double>(_zi[5]) * fb,
                    q6 = new Vector<double>(_zi[6]) * fb, q7 = new Vector<double>(_zi[7]) * fb, q8 = new Vector<double>(_zi[8]) * fb,
                    q9 = new Vector<double>(_zi[9]) * fb;
                for (int n = 0, row = start; n < len; n++, row += step)
                {
                    var at = (nuint)((row * Width) + c);
                    var x = Vector.LoadUnsafe(ref ext, at);
                    var u = Vector.LoadUnsafe(ref ext, at + (nuint)vw);
                    var y = (b0 * x) + p0;
                    var v = (b0 * u) + q0;
                    p0 = (b1 * x) + p1 - (a1 * y);
                    q0 = (b1 * u) + q1 - (a1 * v);
                    p1 = (b2 * x) + p2 - (a2 * y);
                    q1 = (b2 * u) + q2 - (a2 * v);
                    p2 = (b3 * x) + p3 - (a3 * y);
                    q2 = (b3 * u) + q3 - (a3 * v);
                    p3 = (b4 * x) + p4 - (a4 * y);
                    q3 = (b4 * u) + q4 - (a4 * v);
                    p4 = (b5 * x) + p5 - (a5 * y);
                    q4 = (b5 * u) + q5 - (a5 * v);
                    p5 = (b6 * x) + p6 - (a6 * y);
                    q5 = (b6 * u) + q6 - (a6 * v);
                    p6 = (b7 * x) + p7 - (a7 * y);
                    q6 = (b7 * u) + q7 - (a7 * v);
                    p7 = (b8 * x) + p8 - (a8 * y);
                    q7 = (b8 * u) + q8 - (a8 * v);
                    p8 = (b9 * x) + p9 - (a9 * y);
                    q8 = (b9 * u) + q9 - (a9 * v);
                    p9 = (b10 * x) - (a10 * y);
                    q9 = (b10 * u) - (a10 * v);
                    y.StoreUnsafe(ref ext, at);
                    v.StoreUnsafe(ref ext, at + (nuint)vw);
                }
            }

            for (; c < vecEnd; c += vw)
            {
                var first = Vector.LoadUnsafe(ref ext, (nuint)((start * Width) + c));
                Vector<double> z0 = new Vector<double>(_zi[0]) * first, z1 = new Vector<double>(_zi[1]) * first, z2 = new Vector<double>(_zi[2]) * first,
                    z3 = new Vector<double>(_zi[3]) * first, z4 = new Vector<double>(_zi[4]) * first, z5 = new Vector<double>(_zi[5]) * first,
                    z6 = new Vector<double>(_zi[6]) * first, z7 = new Vector<double>(_zi[7]) * first, z8 = new Vector<double>(_zi[8]) * first,
                    z9 = new Vector<double>(_zi[9]) * first;
                for (int n = 0, row = start; n < len; n++, row += step)
                {
                    // Rows stay inside Ext (0 ≤ row < len, c + vw ≤ Width): no bounds checks in the recursion.
                    var at = (nuint)((row * Width) + c);
                    var x = Vector.LoadUnsafe(ref ext, at);
                    var y = (b0 * x) + z0;
                    z0 = (b1 * x) + z1 - (a1 * y);
                    z1 = (b2 * x) + z2 - (a2 * y);
                    z2 = (b3 * x) + z3 - (a3 * y);
                    z3 = (b4 * x) + z4 - (a4 * y);
                    z4 = (b5 * x) + z5 - (a5 * y);
                    z5 = (b6 * x) + z6 - (a6 * y);
                    z6 = (b7 * x) + z7 - (a7 * y);
                    z7 = (b8 * x) + z8 - (a8 * y);
                    z8 = (b9 * x) + z9 - (a9 * y);
                    z9 = (b10 * x) - (a10 * y);
                    y.StoreUnsafe(ref ext, at);
                }
            }
        }
    }
}
