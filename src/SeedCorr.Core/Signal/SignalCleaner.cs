using System.Globalization;
using System.Numerics;

namespace SeedCorr.Core.Signal;

/// <summary>
/// nilearn 0.10.4's <c>signal.clean</c> on a time × series float32 matrix, step for step: (cosine regressors) →
/// (censored volumes interpolated for Butterworth, dropped otherwise) → linear detrend of signals and confounds →
/// Butterworth on signals and confounds → (censored volumes dropped) → confounds standardized, pivoted QR,
/// projection → standardization. Runs are cleaned independently. Statistics, filter recursion, QR and projection
/// run in float64; the signals are stored in float32.
/// </summary>
public static class SignalCleaner
{
    private const double Float32Eps = 1.1920928955078125e-07;

    /// <summary>Cleans a copy of <paramref name="signals"/> (float32 storage; statistics and filters in float64).</summary>
    public static SignalCleanResult Clean(SignalMatrix signals, SignalCleanOptions options, CancellationToken cancellationToken = default) =>
        Clean(signals, options, inPlace: false, cancellationToken);

    /// <summary>
    /// Cleans <paramref name="signals"/> without copying them (for data that fills memory): the returned matrix shares
    /// the input's array, whose values are overwritten, so the input must not be used afterwards. With runs or a sample
    /// mask, which change the rows, a copy is cleaned as by <see cref="Clean(SignalMatrix, SignalCleanOptions, CancellationToken)"/>.
    /// The values are the same as Clean's to the bit.
    /// </summary>
    public static SignalCleanResult CleanInPlace(SignalMatrix signals, SignalCleanOptions options, CancellationToken cancellationToken = default) =>
        Clean(signals, options, inPlace: true, cancellationToken);

    private static SignalCleanResult Clean(SignalMatrix signals, SignalCleanOptions options, bool inPlace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var (data, t, report) = CleanCore(signals.Data, signals.Timepoints, signals.Series, options, inPlace, cancellationToken);
        var cleaned = new SignalMatrix(t, signals.Series, data)
        {
            RepetitionTime = options.RepetitionTime ?? signals.RepetitionTime,
            Source = signals.Source,
            Masker = signals.Masker,
            Cleaning = new SignalCleaning(report.Steps, report.Warnings, t, report.ConfoundRank, report.DegreesOfFreedom),
        };
        return new SignalCleanResult(cleaned, report.Warnings, report.Steps, report.ConfoundRank, report.DegreesOfFreedom);
    }

    /// <summary>
    /// Cleans a copy of a time-major float64 matrix entirely in float64, as nilearn does for float64 input. Returns the
    /// cleaned values and their number of time points (fewer than given when volumes are censored).
    /// </summary>
    public static (double[] Data, int Timepoints, SignalCleanResult Report) Clean(double[] data, int timepoints, int series, SignalCleanOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (cleaned, t, report) = CleanCore(data, timepoints, series, options, inPlace: false, cancellationToken);
        return (cleaned, t, report);
    }

    private static (T[] Data, int Timepoints, SignalCleanResult Report) CleanCore<T>(T[] source, int timepoints, int series, SignalCleanOptions options, bool inPlace, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(options);
        if (source.LongLength != (long)timepoints * series)
        {
            throw new SignalException(SignalErrorKind.ShapeMismatch, $"{timepoints} × {series} signals need {(long)timepoints * series} values, got {source.LongLength}");
        }

        Validate(timepoints, options);
        var warnings = new List<string>();
        var steps = new List<string>();

        if (options.Runs is null)
        {
            var (d, t, rank, dof) = CleanRun(source, timepoints, series, options, options.Confounds, options.SampleMask, inPlace, warnings, steps, cancellationToken);
            return (d, t, Report(t, series, warnings, steps, rank, dof));
        }

        // Runs: each cleaned on its own rows (confounds and mask split alike), stacked in label order, as nilearn.
        var labels = options.Runs.Distinct().Order().ToArray();
        var parts = new List<(T[] Data, int T)>();
        int maxRank = 0;
        double dofTotal = 0;
        foreach (var (label, index) in labels.Select((l, i) => (l, i)))
        {
            var rows = Enumerable.Range(0, timepoints).Where(t => options.Runs[t] == label).ToArray();
            // Each run reports its share of the whole.
            var runOptions = options.Progress is null ? options : options with { Progress = new Progress(f => options.Progress.Report((index + f) / labels.Length)) };
            var sub = TakeRows(source, series, rows);
            var conf = options.Confounds is null ? null : TakeRows(options.Confounds, options.ConfoundCount, rows);
            var mask = options.SampleMask is null ? null : rows.Select(t => options.SampleMask[t]).ToArray();
            var (d, t, rank, dof) = CleanRun(sub, rows.Length, series, runOptions, conf, mask, inPlace: true, warnings, steps, cancellationToken); // sub is already a copy
            parts.Add((d, t));
            maxRank = Math.Max(maxRank, rank);
            dofTotal += dof;
        }

        var total = parts.Sum(p => p.T);
        var data = new T[(long)total * series];
        var offset = 0;
        foreach (var p in parts)
        {
            p.Data.CopyTo(data, offset);
            offset += p.Data.Length;
        }

        steps.Insert(0, $"{labels.Length} runs cleaned independently");
        return (data, total, Report(total, series, warnings, steps.Distinct().ToList(), maxRank, dofTotal));
    }

    /// <summary>Forwards a run's fraction as its share of all runs (synchronously, unlike System.Progress).</summary>
    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }

    private static SignalCleanResult Report(int t, int series, List<string> warnings, List<string> steps, int rank, double dof) =>
        new(new SignalMatrix(0, 0), warnings, steps, rank, dof) { Timepoints = t, Series = series };

    private static (T[] Data, int Timepoints, int Rank, double Dof) CleanRun<T>(T[] source, int timepoints, int columns, SignalCleanOptions o,
        double[]? confoundsIn, bool[]? mask, bool inPlace, List<string> warnings, List<string> steps, CancellationToken ct)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = inPlace ? source : CopyCancellable(source, ct);
        if (o.EnsureFinite)
        {
            for (var i = 0; i < data.Length; i++)
            {
                if (!T.IsFinite(data[i]))
                {
                    data[i] = T.Zero;
                }
            }
        }

        var k = confoundsIn is null ? 0 : o.ConfoundCount;
        var conf = confoundsIn is null ? null : (double[])confoundsIn.Clone();
        var butterworth = o.Filter == TemporalFilter.Butterworth && (o.LowPass is not null || o.HighPass is not null);
        var cosine = o.Filter == TemporalFilter.Cosine && o.HighPass is not null;

        if (cosine)
        {
            (conf, k) = AppendCosine(conf, k, timepoints, o.HighPass!.Value, o.RepetitionTime!.Value, warnings, steps);
        }

        // Censoring. Butterworth needs evenly spaced samples: interpolate first, drop after filtering.
        var t = timepoints;
        int[]? keepAfterFilter = null;
        if (mask is not null)
        {
            var keptCount = mask.Count(b => b);
            if (keptCount == 0)
            {
                throw new SignalException(SignalErrorKind.AllVolumesRemoved, "the sample mask removes every volume");
            }

            if (butterworth)
            {
                if (keptCount < 2)
                {
                    throw new SignalException(SignalErrorKind.InvalidParameter, "interpolating censored volumes needs at least 2 kept volumes");
                }

                (data, conf, t, keepAfterFilter) = Interpolate(data, conf, k, timepoints, columns, mask, o, warnings);
                steps.Add($"{timepoints - keptCount} censored volumes interpolated (cubic spline) before filtering");
            }
            else
            {
                var rows = Enumerable.Range(0, timepoints).Where(i => mask[i]).ToArray();
                data = TakeRows(data, columns, rows);
                conf = conf is null ? null : TakeRows(conf, k, rows);
                t = rows.Length;
                steps.Add($"{timepoints - keptCount} censored volumes removed");
            }
        }

        // Only None and Psc add the original means back (see below); z-scores do not need them, so skip the pass.
        var originalMean = o.Standardize is Standardization.None or Standardization.Psc ? ColumnMeans(data, t, columns, ct) : null;
        if (o.Detrend)
        {
            Detrending.Linear(data, t, columns, cancellationToken: ct);
            if (conf is not null)
            {
                Detrending.Linear(conf, t, k, cancellationToken: ct);
            }

            steps.Add("linear detrend");
        }

        o.Progress?.Report(0.2);

        double filterRemoved = 0;
        var butterworthApplied = false;
        if (butterworth)
        {
            var filter = Design(o, warnings, out var lo, out var hi);
            if (filter is not null)
            {
                ZeroPhaseFilter.Apply(filter, data, t, columns, ct);
                butterworthApplied = true;
                if (conf is not null)
                {
                    ZeroPhaseFilter.Apply(filter, conf, t, k, ct);
                }

                filterRemoved = FilterDegreesOfFreedom(t, o.RepetitionTime!.Value, hi, lo);
                steps.Add(Describe(lo, hi, o.ButterworthOrder));
            }

            if (keepAfterFilter is not null)
            {
                data = TakeRows(data, columns, keepAfterFilter);
                conf = conf is null ? null : TakeRows(conf, k, keepAfterFilter);
                t = keepAfterFilter.Length;
                steps.Add("censored volumes removed after filtering");
            }
        }

        o.Progress?.Report(0.6);
        ct.ThrowIfCancellationRequested();
        var rank = 0;
        if (conf is not null && k > 0)
        {
            for (var i = 0; i < conf.Length; i++)
            {
                if (!double.IsFinite(conf[i]))
                {
                    var col = i % k;
                    throw new SignalException(SignalErrorKind.NonFiniteConfounds,
                        $"confound column {col + 1} has a missing or infinite value (first at volume {(i / k) + 1} after censoring): fill or drop it before cleaning");
                }
            }

            if (k > t)
            {
                throw new SignalException(SignalErrorKind.TooManyRegressors,
                    $"{k} confound regressors{(k > o.ConfoundCount ? $" (with {k - o.ConfoundCount} cosine drift terms)" : string.Empty)} for {t} kept volumes: a regression needs fewer regressors than volumes. Choose a denoising strategy (Import-Confounds -DenoiseStrategy) or fewer columns (-Column).");
            }

            Standardizer.Confounds(conf, t, k, o.StandardizeConfounds);
            var basis = ConfoundRegression.Orthonormalize(conf, t, k);
            ConfoundRegression.Project(basis, data, columns, ct);
            rank = basis.Rank;
            steps.Add(rank < k ? $"{k} confounds regressed out (rank {rank}: {k - rank} collinear dropped)" : $"{k} confounds regressed out");
            if (basis.DroppedColumns.Count > 0)
            {
                warnings.Add($"{basis.DroppedColumns.Count} confound column(s) left out of the regression as numerically dependent on the others (collinear, constant, or out of float64 range): {string.Join(", ", basis.DroppedColumns.Order().Select(i => ConfoundName(o, i)))}.");
            }
        }

        // nilearn 0.10.4 adds the original (pre-detrend) means back after a Butterworth filter, and for psc after a
        // detrend, before standardizing: so a filtered, unstandardized series keeps its mean, and psc is relative to
        // the original mean. For z-scoring adding and removing the mean is an identity, so it is skipped (nilearn's
        // float32 round trip through the raw mean only adds rounding).
        var addBack = (butterworthApplied || (o.Detrend && o.Standardize == Standardization.Psc))
            && o.Standardize is Standardization.None or Standardization.Psc;
        if (o.Standardize == Standardization.None)
        {
            if (addBack)
            {
                AddMeans(data, t, columns, originalMean!);
            }
        }
        else if (t < 2)
        {
            warnings.Add("Standardization of a single sample would give zeros: skipped.");
        }
        else
        {
            ct.ThrowIfCancellationRequested();
            var zero = Standardizer.Apply(data, t, columns, o.Standardize, addBack ? originalMean : null, ct);
            if (zero > 0)
            {
                warnings.Add($"psc standardization is meaningless for series with a mean of 0: {zero} series set to 0.");
            }

            steps.Add(o.Standardize switch
            {
                Standardization.ZScore => "z-scored (population std)",
                Standardization.ZScoreSample => "z-scored (sample std)",
                _ => "percent signal change",
            });
        }

        o.Progress?.Report(1.0);
        var meanRemoved = o.Detrend || o.Standardize != Standardization.None ? 1 : 0;
        var dof = t - (o.Detrend ? 2 : meanRemoved) - rank - filterRemoved;
        if (dof < o.MinimumDegreesOfFreedom)
        {
            throw new SignalException(SignalErrorKind.NoDegreesOfFreedom,
                string.Create(CultureInfo.InvariantCulture, $"no degrees of freedom are left: {t} kept volumes − {(o.Detrend ? 2 : meanRemoved)} (mean/trend) − {rank} confounds − {filterRemoved} (2 per frequency bin the filter stops) = {dof}. Use fewer confounds (a denoising strategy), a wider pass band, or longer runs."));
        }

        return (data, t, rank, dof);
    }

    /// <summary>
    /// Degrees of freedom a Butterworth filter takes, as XCP-D's <c>calculate_dof</c> counts them (AFNI's 3dTproject
    /// likewise): 2 for each of the <c>ceil(nyquist / (1/(N·TR)))</c> evenly spaced frequencies 0 … Nyquist that lie
    /// below the high-pass or above the low-pass cut-off.
    /// </summary>
    public static double FilterDegreesOfFreedom(int volumes, double repetitionTime, double? highPass, double? lowPass)
    {
        var nyq = 0.5 / repetitionTime;
        var spacing = 1 / (repetitionTime * volumes);
        var n = (int)Math.Ceiling(nyq / spacing);
        var dropped = 0;
        var step = n > 1 ? nyq / (n - 1) : 0; // numpy.linspace(0, nyq, n)
        for (var i = 0; i < n; i++)
        {
            var f = i == n - 1 ? nyq : i * step;
            if ((highPass is { } hp && f < hp) || (lowPass is { } lp && f > lp))
            {
                dropped++;
            }
        }

        return 2.0 * dropped;
    }

    private static string ConfoundName(SignalCleanOptions o, int index) =>
        o.ConfoundNames is { } names && index < names.Count ? $"'{names[index]}'"
        : index >= o.ConfoundCount ? $"cosine drift {index - o.ConfoundCount + 1}" : $"column {index + 1}";

    private static void Validate(int timepoints, SignalCleanOptions o)
    {
        var filtering = o.LowPass is not null || o.HighPass is not null;
        if (filtering)
        {
            if (o.RepetitionTime is null)
            {
                throw new SignalException(SignalErrorKind.RepetitionTimeMissing,
                    "filtering needs the repetition time: give it explicitly (SeedCorr never assumes nilearn's 2.5 s)");
            }

            if (!double.IsFinite(o.RepetitionTime.Value) || o.RepetitionTime <= 0)
            {
                throw new SignalException(SignalErrorKind.InvalidParameter, $"the repetition time must be a positive number of seconds, not {o.RepetitionTime}");
            }
        }

        foreach (var (name, v) in new[] { ("low-pass", o.LowPass), ("high-pass", o.HighPass) })
        {
            if (v is { } f && !double.IsFinite(f))
            {
                throw new SignalException(SignalErrorKind.InvalidParameter, $"the {name} cut-off must be a number of Hz, not {f}");
            }
        }

        if (o.Filter == TemporalFilter.Butterworth && o.LowPass is { } lp && o.HighPass is { } hp && hp >= lp)
        {
            throw new SignalException(SignalErrorKind.InvalidParameter,
                $"the high-pass cut-off ({hp.ToString(CultureInfo.InvariantCulture)} Hz) must be below the low-pass cut-off ({lp.ToString(CultureInfo.InvariantCulture)} Hz)");
        }

        if (o.Filter == TemporalFilter.Cosine && o.LowPass is not null)
        {
            throw new SignalException(SignalErrorKind.InvalidParameter, "the cosine filter is a high-pass only: drop the low-pass cut-off or use the Butterworth filter");
        }

        if (o.Confounds is not null && (o.ConfoundCount <= 0 || o.Confounds.Length != (long)timepoints * o.ConfoundCount))
        {
            throw new SignalException(SignalErrorKind.ShapeMismatch,
                $"the confounds have {(o.ConfoundCount > 0 ? o.Confounds.Length / o.ConfoundCount : 0)} rows but the signals have {timepoints} volumes");
        }

        if (o.SampleMask is not null && o.SampleMask.Length != timepoints)
        {
            throw new SignalException(SignalErrorKind.ShapeMismatch, $"the sample mask has {o.SampleMask.Length} entries but the signals have {timepoints} volumes");
        }

        if (o.Runs is not null && o.Runs.Length != timepoints)
        {
            throw new SignalException(SignalErrorKind.ShapeMismatch, $"the run labels have {o.Runs.Length} entries but the signals have {timepoints} volumes");
        }
    }

    /// <summary>nilearn's _check_wn and design: cut-offs at or above Nyquist are lowered just below it (warning).</summary>
    private static ButterworthFilter? Design(SignalCleanOptions o, List<string> warnings, out double? lo, out double? hi)
    {
        var fs = 1 / o.RepetitionTime!.Value;
        var nyq = fs / 2;
        double? Check(string kind, double? f)
        {
            if (f is not { } v)
            {
                return null;
            }

            if (v >= nyq)
            {
                var lowered = nyq - (nyq * 10 * Float32Eps);
                warnings.Add($"The {kind} pass frequency {v.ToString(CultureInfo.InvariantCulture)} Hz is at or above the Nyquist frequency ({nyq.ToString(CultureInfo.InvariantCulture)} Hz at TR {o.RepetitionTime.Value.ToString(CultureInfo.InvariantCulture)} s); it has been lowered to {lowered.ToString("G6", CultureInfo.InvariantCulture)} Hz.");
                return lowered;
            }

            if (v < 0)
            {
                warnings.Add($"The {kind} pass frequency {v.ToString(CultureInfo.InvariantCulture)} Hz is negative; it has been set to {nyq * Float32Eps:G3} Hz.");
                return nyq * Float32Eps;
            }

            return v;
        }

        hi = Check("high", o.HighPass);
        lo = Check("low", o.LowPass);
        if (hi is not null && lo is not null && hi == lo)
        {
            warnings.Add("Signals are returned unfiltered because the band-pass cut-offs are equal after adjustment to the Nyquist frequency.");
            return null;
        }

        return ButterworthFilter.Design(o.ButterworthOrder, hi, lo, fs);
    }

    // Cut-offs lowered to the Nyquist frequency are float32-rounded (0.24999970197677612): six digits say what was meant.
    private static string Describe(double? lo, double? hi, int order) => (lo, hi) switch
    {
        (not null, not null) => $"Butterworth band-pass {Hz(hi.Value)}–{Hz(lo.Value)} Hz (order {order}, zero-phase)",
        (not null, null) => $"Butterworth low-pass {Hz(lo.Value)} Hz (order {order}, zero-phase)",
        _ => $"Butterworth high-pass {Hz(hi!.Value)} Hz (order {order}, zero-phase)",
    };

    private static string Hz(double f) => f.ToString("G6", CultureInfo.InvariantCulture);

    private static (double[]? Conf, int K) AppendCosine(double[]? conf, int k, int t, double highPass, double tr, List<string> warnings, List<string> steps)
    {
        var (drift, order) = CosineDrift.Create(t, highPass, tr);
        if (order == 0)
        {
            warnings.Add("The cosine filter was not created: the time series is too short or the high-pass cut-off too low for it.");
            return (conf, k);
        }

        if (conf is not null && CosineAlreadyPresent(conf, k, drift, order, t))
        {
            warnings.Add("Cosine drift regressors already exist in the confounds: only those are used.");
            return (conf, k);
        }

        var merged = new double[t * (k + order)];
        for (var r = 0; r < t; r++)
        {
            if (conf is not null)
            {
                Array.Copy(conf, r * k, merged, r * (k + order), k);
            }

            Array.Copy(drift, r * order, merged, (r * (k + order)) + k, order);
        }

        steps.Add($"cosine high-pass ({order} DCT regressors)");
        return (merged, k + order);
    }

    /// <summary>nilearn's check: a confound correlating above 0.9 with a drift regressor means the user supplied them.</summary>
    private static bool CosineAlreadyPresent(double[] conf, int k, double[] drift, int order, int t)
    {
        for (var d = 0; d < order; d++)
        {
            for (var c = 0; c < k; c++)
            {
                if (Correlation(drift, order, d, conf, k, c, t) > 0.9)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static double Correlation(double[] a, int aw, int ac, double[] b, int bw, int bc, int t)
    {
        double ma = 0, mb = 0;
        for (var i = 0; i < t; i++)
        {
            ma += a[(i * aw) + ac];
            mb += b[(i * bw) + bc];
        }

        ma /= t;
        mb /= t;
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < t; i++)
        {
            double da = a[(i * aw) + ac] - ma, db = b[(i * bw) + bc] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }

        return saa == 0 || sbb == 0 ? 0 : sab / Math.Sqrt(saa * sbb);
    }

    private static (T[] Data, double[]? Conf, int T, int[] Keep) Interpolate<T>(T[] data, double[]? conf, int k, int t, int columns, bool[] mask, SignalCleanOptions o, List<string> warnings)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tr = o.RepetitionTime!.Value;
        var asDouble = data.Select(double.CreateTruncating).ToArray();
        CubicSplineInterpolation.Fill(asDouble, t, columns, mask, tr, o.Extrapolate);
        if (conf is not null)
        {
            CubicSplineInterpolation.Fill(conf, t, k, mask, tr, o.Extrapolate);
        }

        var first = Array.IndexOf(mask, true);
        var last = Array.LastIndexOf(mask, true);
        var headOrTail = first > 0 || last < t - 1;
        int[] rows;
        if (!o.Extrapolate)
        {
            // Volumes outside the first and last kept ones cannot be interpolated: they are dropped before filtering.
            rows = Enumerable.Range(first, last - first + 1).ToArray();
        }
        else
        {
            rows = Enumerable.Range(0, t).ToArray();
            if (headOrTail)
            {
                warnings.Add("Censored volumes at the start or end of the run were extrapolated by the cubic spline before filtering; consider Extrapolate=false to drop them instead.");
            }
        }

        var filled = new T[rows.Length * columns];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                filled[(r * columns) + c] = T.CreateTruncating(asDouble[(rows[r] * columns) + c]);
            }
        }

        var confOut = conf is null ? null : TakeRows(conf, k, rows);
        var keep = Enumerable.Range(0, rows.Length).Where(r => mask[rows[r]]).ToArray();
        return (filled, confOut, rows.Length, keep);
    }

    private static void AddMeans<T>(T[] data, int t, int columns, double[] means)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var r = 0; r < t; r++)
        {
            var row = data.AsSpan(r * columns, columns);
            for (var c = 0; c < columns; c++)
            {
                row[c] = T.CreateTruncating(double.CreateTruncating(row[c]) + means[c]);
            }
        }
    }

    private static double[] ColumnMeans<T>(T[] data, int t, int columns, CancellationToken ct = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = new double[columns];
        const int width = 2048;
        Parallel.For(0, (columns + width - 1) / width, new ParallelOptions { CancellationToken = ct }, b =>
        {
            var c0 = b * width;
            var w = Math.Min(width, columns - c0);
            var acc = m.AsSpan(c0, w);
            for (var r = 0; r < t; r++)
            {
                var row = data.AsSpan((r * columns) + c0, w);
                for (var c = 0; c < w; c++)
                {
                    acc[c] += double.CreateTruncating(row[c]);
                }
            }

            for (var c = 0; c < w; c++)
            {
                acc[c] /= t;
            }
        });

        return m;
    }

    /// <summary>A copy in chunks of 4 M values, so that a stop request is seen within milliseconds even for GB-sized signals.</summary>
    private static T[] CopyCancellable<T>(T[] source, CancellationToken ct)
    {
        var copy = new T[source.LongLength];
        const int chunk = 1 << 22;
        for (long start = 0; start < source.LongLength; start += chunk)
        {
            ct.ThrowIfCancellationRequested();
            var n = (int)Math.Min(chunk, source.LongLength - start);
            Array.Copy(source, start, copy, start, n);
        }

        return copy;
    }

    private static T[] TakeRows<T>(T[] data, int columns, int[] rows)
    {
        var r = new T[rows.Length * columns];
        for (var i = 0; i < rows.Length; i++)
        {
            Array.Copy(data, (long)rows[i] * columns, r, (long)i * columns, columns);
        }

        return r;
    }
}
