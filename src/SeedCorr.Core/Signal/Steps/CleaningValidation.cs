using System.Globalization;

namespace SeedCorr.Core.Signal;

/// <summary>The checks of <see cref="SignalCleanOptions"/> against the signals, before any step runs.</summary>
internal static class CleaningValidation
{
    public static void Check(long values, int timepoints, int series, SignalCleanOptions o)
    {
        if (values != (long)timepoints * series)
        {
            throw new SignalException(SignalErrorKind.ShapeMismatch, $"{timepoints} × {series} signals need {(long)timepoints * series} values, got {values}");
        }

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

        if (filtering && o.Filter == TemporalFilter.Butterworth && o.ButterworthOrder < 1)
        {
            throw new SignalException(SignalErrorKind.InvalidParameter, $"the Butterworth order must be at least 1, not {o.ButterworthOrder}");
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

        if (o.Confounds is not null && o.ConfoundNames is { } names && names.Count != o.ConfoundCount)
        {
            throw new SignalException(SignalErrorKind.ShapeMismatch, $"{names.Count} confound names for {o.ConfoundCount} confound columns: give one name per column");
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
}
