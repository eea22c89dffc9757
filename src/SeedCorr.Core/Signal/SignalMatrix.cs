namespace SeedCorr.Core.Signal;

/// <summary>
/// A time × series matrix of float32 values, time-major (row t holds every series at time t), so that filters can
/// run across series with SIMD and a time point is one contiguous row. Never enumerated: data behind methods.
/// </summary>
public sealed class SignalMatrix
{
    private readonly float[] _data;

    /// <summary>Wraps time-major data (data[t · Series + s]); the array is owned by the matrix from now on.</summary>
    public SignalMatrix(int timepoints, int series, float[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(timepoints);
        ArgumentOutOfRangeException.ThrowIfNegative(series);
        if (data.LongLength != (long)timepoints * series)
        {
            throw new ArgumentException($"{timepoints} × {series} needs {(long)timepoints * series} values, got {data.LongLength}", nameof(data));
        }

        Timepoints = timepoints;
        Series = series;
        _data = data;
    }

    /// <summary>A zero matrix.</summary>
    public SignalMatrix(int timepoints, int series)
        : this(timepoints, series, new float[(long)timepoints * series])
    {
    }

    /// <summary>Builds a matrix from a [time, series] array.</summary>
    public static SignalMatrix FromArray(float[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int t = values.GetLength(0), n = values.GetLength(1);
        var data = new float[t * n];
        Buffer.BlockCopy(values, 0, data, 0, data.Length * sizeof(float));
        return new SignalMatrix(t, n, data);
    }

    /// <summary>Seconds between time points, when known (from the source image's header).</summary>
    public double? RepetitionTime { get; init; }

    /// <summary>Where the signals came from (an image path, a masker description), for display and provenance.</summary>
    public string? Source { get; init; }

    /// <summary>The masker that extracted these signals (it can put values back on its grid), or null.</summary>
    public SeedCorr.Core.Extraction.ISignalMasker? Masker { get; init; }

    /// <summary>What cleaning did to these signals, or null if they were not cleaned.</summary>
    public SignalCleaning? Cleaning { get; init; }

    /// <summary>The shape as nilearn prints it: <c>(168, 32706)</c>.</summary>
    public string Shape => $"({Timepoints}, {Series})";

    /// <summary>Number of time points (rows).</summary>
    public int Timepoints { get; }

    /// <summary>Number of series (columns).</summary>
    public int Series { get; }

    /// <summary>The value of series <paramref name="s"/> at time <paramref name="t"/>.</summary>
    public float this[int t, int s] => _data[((long)t * Series) + s];

    /// <summary>The underlying time-major array (no copy), for Core's algorithms that work in place; the world reads <see cref="AsSpan()"/>.</summary>
    internal float[] Data => _data;

    /// <summary>The time-major values (value [t, s] at t · Series + s), read-only and not copied.</summary>
    public ReadOnlySpan<float> AsSpan() => _data;

    /// <summary>The values at time point <paramref name="t"/> (one per series), read-only and not copied.</summary>
    public ReadOnlySpan<float> Row(int t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(t, Timepoints);
        return _data.AsSpan((int)((long)t * Series), Series);
    }

    /// <summary>A copy of the time-major values as one flat array (for scripts: PowerShell cannot hold a span).</summary>
    public float[] CopyValues() => (float[])_data.Clone();

    /// <summary>A copy of one series.</summary>
    public float[] GetSeries(int s)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(s);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(s, Series);
        var r = new float[Timepoints];
        for (var t = 0; t < Timepoints; t++)
        {
            r[t] = _data[((long)t * Series) + s];
        }

        return r;
    }

    /// <summary>A deep copy (metadata included).</summary>
    public SignalMatrix Clone() => new(Timepoints, Series, (float[])_data.Clone()) { RepetitionTime = RepetitionTime, Source = Source, Cleaning = Cleaning, Masker = Masker };

    /// <summary>The same values (shared, not copied) with a repetition time and source recorded, for signals built by hand.</summary>
    public SignalMatrix WithSource(double? repetitionTime, string? source = null) =>
        new(Timepoints, Series, _data) { RepetitionTime = repetitionTime, Source = source ?? Source, Cleaning = Cleaning, Masker = Masker };

    /// <summary>A copy as a [time, series] array.</summary>
    public float[,] ToArray()
    {
        var a = new float[Timepoints, Series];
        Buffer.BlockCopy(_data, 0, a, 0, _data.Length * sizeof(float));
        return a;
    }

    /// <summary>Short and invariant: <c>SignalMatrix (168, 32706)</c>.</summary>
    public override string ToString() => $"SignalMatrix {Shape}";
}
