using System.Globalization;
using System.Numerics;

namespace SeedCorr.Core.Signal;

/// <summary>
/// nilearn's Butterworth step: the cut-offs checked against Nyquist (<c>_check_wn</c>), the filter designed
/// (<see cref="ButterworthFilter.Design"/>) and run forwards and backwards over signals and confounds alike
/// (<see cref="ZeroPhaseFilter"/>). Its step text says the band and the order that ran.
/// </summary>
internal static class ButterworthStep
{
    private const double Float32Eps = 1.1920928955078125e-07;

    /// <summary>What the filter did: whether it ran and the cut-offs it used (after the Nyquist check).</summary>
    internal readonly record struct Outcome(bool Applied, double? HighPass, double? LowPass);

    public static Outcome Apply<T>(CleaningState<T> s, SignalCleanOptions o, CancellationToken ct)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var filter = Design(o, s.Warnings, out var lo, out var hi);
        if (filter is null)
        {
            return new Outcome(false, hi, lo);
        }

        ZeroPhaseFilter.Apply(filter, s.Signals, s.Timepoints, s.Series, ct);
        if (s.Confounds is { } conf)
        {
            ZeroPhaseFilter.Apply(filter, conf, s.Timepoints, s.ConfoundCount, ct);
        }

        s.Steps.Add(Describe(lo, hi, o.ButterworthOrder));
        return new Outcome(true, hi, lo);
    }

    /// <summary>nilearn's _check_wn and design: cut-offs at or above Nyquist are lowered just below it (warning).</summary>
    private static ButterworthFilter? Design(SignalCleanOptions o, List<string> warnings, out double? lo, out double? hi)
    {
        var tr = o.RepetitionTime!.Value;
        var fs = 1 / tr;
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
                warnings.Add($"The {kind} pass frequency {Hz(v, "R")} Hz is at or above the Nyquist frequency ({Hz(nyq, "R")} Hz at TR {Hz(tr, "R")} s); it has been lowered to {Hz(lowered)} Hz.");
                return lowered;
            }

            if (v < 0)
            {
                warnings.Add($"The {kind} pass frequency {Hz(v, "R")} Hz is negative; it has been set to {Hz(nyq * Float32Eps, "G3")} Hz.");
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

    private static string Hz(double f, string format = "G6") => f.ToString(format, CultureInfo.InvariantCulture);
}
