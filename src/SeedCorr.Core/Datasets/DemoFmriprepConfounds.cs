using System.Text.Json.Nodes;
using SeedCorr.Core.Confounds;
using SeedCorr.Core.Signal;

namespace SeedCorr.Core.Datasets;

/// <summary>
/// The <c>desc-confounds_timeseries.tsv</c> and <c>.json</c> of one demo run, with fMRIPrep 21+'s columns in its
/// order: global signal, CSF and white matter with their expansions, DVARS, FD, t/c/w/a CompCor, the DCT cosines, the
/// 24 motion regressors. Every built-in denoise strategy finds what it needs.
/// </summary>
internal static class DemoFmriprepConfounds
{
    /// <summary>fMRIPrep's high-pass cut-off before CompCor (s).</summary>
    public const double CosinePeriod = 128;

    private static readonly string[] MotionNames = ["trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z"];

    /// <summary>The TSV text of <paramref name="run"/>; <paramref name="rng"/> draws the tCompCor components.</summary>
    public static (string Tsv, JsonObject Sidecar) Create(DemoRunSynthesis run, Random rng)
    {
        var nt = run.Size.Volumes;
        var names = new List<string>();
        var columns = new List<double[]>();
        void Add(string name, double[] column)
        {
            names.Add(name);
            columns.Add(column);
        }

        void AddExpanded(string name, double[] column)
        {
            var d = DemoConfoundColumns.Derivative(column);
            Add(name, column);
            Add($"{name}_derivative1", d);
            Add($"{name}_power2", DemoConfoundColumns.Power2(column));
            Add($"{name}_derivative1_power2", DemoConfoundColumns.Power2(d));
        }

        AddExpanded("global_signal", run.GlobalSignal);
        AddExpanded("csf", run.CsfMean);
        AddExpanded("white_matter", run.WhiteMatterMean);
        Add("std_dvars", run.Dvars.Select(v => v / 12).ToArray());
        Add("dvars", run.Dvars);
        Add("framewise_displacement", run.FramewiseDisplacement);

        // fMRIPrep's components are singular vectors: unit norm, not unit variance.
        var norm = 1 / Math.Sqrt(nt);
        double[] Unit(double[] a) => a.Select(v => v * norm).ToArray();
        var sidecar = new JsonObject();
        var dropped = 0;
        void AddCompCor(string prefix, string method, string? mask, IReadOnlyList<double[]> components, double decay, int total)
        {
            // Variance explained falls geometrically; fMRIPrep retains components until 50 % is explained and lists
            // the rest as dropped_N (Retained false, no column).
            var weights = Enumerable.Range(0, total).Select(k => Math.Pow(decay, k)).ToArray();
            var sum = weights.Sum();
            var cumulative = 0.0;
            for (var k = 0; k < total; k++)
            {
                var explained = weights[k] / sum;
                var retained = cumulative < 0.5;
                cumulative += explained;
                var entry = new JsonObject
                {
                    ["Method"] = method,
                    ["Retained"] = retained,
                    ["SingularValue"] = 100 * Math.Sqrt(weights[k]),
                    ["VarianceExplained"] = explained,
                    ["CumulativeVarianceExplained"] = cumulative,
                };
                if (mask is not null)
                {
                    entry["Mask"] = mask;
                }

                if (retained)
                {
                    var name = $"{prefix}_comp_cor_{k:00}";
                    Add(name, Unit(components[k]));
                    sidecar[name] = entry;
                }
                else
                {
                    sidecar[$"dropped_{dropped++}"] = entry;
                }
            }
        }

        // Decay 0.88 retains 6 components, 0.6 retains 2 (of 40 and 10).
        var temporal = Enumerable.Range(0, 6).Select(_ => DemoRunSynthesis.BandLimited(rng, nt, run.Size.RepetitionTime, 0.01, 0.2)).ToArray();
        AddCompCor("t", "tCompCor", null, temporal, 0.88, 40);
        AddCompCor("c", "aCompCor", "CSF", [run.CsfNoise, run.CompCor[2]], 0.6, 10);
        AddCompCor("w", "aCompCor", "WM", [run.WmNoise, run.CompCor[3]], 0.6, 10);
        AddCompCor("a", "aCompCor", "combined", run.CompCor, 0.88, 40);

        // nipype's DCT basis (fMRIPrep's high-pass): ⌊2·n·TR/128⌋ − 1 cosines, the √(2/n)·cos(π/n·(t + ½)·k) of
        // nilearn's drift model without its last one.
        var (cosines, order) = CosineDrift.Create(nt, 1 / CosinePeriod, run.Size.RepetitionTime);
        for (var k = 0; k < order - 1; k++)
        {
            Add($"cosine{k:00}", Enumerable.Range(0, nt).Select(t => cosines[(t * order) + k]).ToArray());
        }

        for (var m = 0; m < 6; m++)
        {
            AddExpanded(MotionNames[m], run.Motion[m]);
            sidecar[MotionNames[m]] = new JsonObject { ["Units"] = m < 3 ? "mm" : "rad" };
        }

        sidecar["framewise_displacement"] = new JsonObject { ["Units"] = "mm" };
        var na = names.Where(ConfoundsReader.IsFirstRowDerivative).ToHashSet(StringComparer.Ordinal);
        return (DemoConfoundColumns.ToTsv(names, columns, na), sidecar);
    }
}
