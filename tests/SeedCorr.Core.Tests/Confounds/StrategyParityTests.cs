using System.Globalization;
using System.Text.Json;
using SeedCorr.Core.Confounds;
using SeedCorr.Core.Tests.Support;
using Xunit.Abstractions;

namespace SeedCorr.Core.Tests.Confounds;

/// <summary>
/// Every one of the 52 nilearn 0.10.4 load_confounds / load_confounds_strategy calls of tests/data/confounds: the
/// same column names in the same order, values within 1e-10 (1e-12 relative where larger), the same sample mask, and
/// an error wherever nilearn raises. nilearn 0.10.4's scrub defaults (FD 0.2, std DVARS 3) are passed explicitly.
/// </summary>
public sealed class StrategyParityTests(ITestOutputHelper output)
{
    private static readonly string Root = TestData.Path("confounds");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "manifest.json")));
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("case").GetString()!);
        }

        return data;
    }

    [Fact]
    public void The_manifest_has_52_cases() => Assert.Equal(52, Cases().Count);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_nilearn(string name)
    {
        var dir = Path.Combine(Root, "cases", name);
        using var param = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "params.json")));
        var image = Path.Combine(Root, param.RootElement.GetProperty("image").GetString()!);
        var errorFile = Path.Combine(dir, "error.json");
        var warnings = new List<string>();

        ConfoundsTable Run() => ConfoundStrategyLoader.LoadFile(image, Options(param.RootElement), warnings);

        if (File.Exists(errorFile))
        {
            var ex = Assert.Throws<ConfoundsException>(Run);
            var expectedKind = name.EndsWith("aroma_basic", StringComparison.Ordinal) ? ConfoundsErrorKind.StrategyColumnsMissing : ConfoundsErrorKind.InvalidStrategy;
            Assert.Equal(expectedKind, ex.Kind);
            output.WriteLine($"{name}: {ex.Message}");
            return;
        }

        var maskText = File.ReadAllText(Path.Combine(dir, "sample_mask.json")).Trim();
        int[]? expectedMask = maskText == "null" ? null : JsonSerializer.Deserialize<int[]>(maskText);
        if (expectedMask is { Length: 0 })
        {
            // nilearn returns an empty mask when every volume is scrubbed; SeedCorr refuses (docs/nilearn-differences.md).
            Assert.Equal(ConfoundsErrorKind.AllVolumesCensored, Assert.Throws<ConfoundsException>(Run).Kind);
            return;
        }

        var table = Run();
        Assert.Equal(expectedMask, table.SampleMask?.ToArray());
        var lines = File.ReadAllLines(Path.Combine(dir, "confounds.tsv"));
        var header = lines[0].Length == 0 ? [] : lines[0].Split('\t');
        Assert.Equal(header, table.ColumnNames.ToArray());
        var rows = lines.Skip(1).Where(l => l.Length > 0).ToArray();
        if (header.Length > 0)
        {
            Assert.Equal(rows.Length, table.Rows);
        }

        double maxAbs = 0, maxRel = 0;
        for (var r = 0; header.Length > 0 && r < rows.Length; r++)
        {
            var cells = rows[r].Split('\t');
            for (var c = 0; c < header.Length; c++)
            {
                var expected = double.Parse(cells[c], CultureInfo.InvariantCulture);
                var actual = table.GetColumn(c)[r];
                var diff = Math.Abs(actual - expected);
                maxAbs = Math.Max(maxAbs, diff);
                maxRel = Math.Max(maxRel, diff / Math.Max(1, Math.Abs(expected)));
                Assert.True(diff <= 1e-10 || diff <= 1e-12 * Math.Abs(expected), $"{header[c]} row {r}: {actual:R} vs {expected:R}");
            }
        }

        output.WriteLine($"{name}: {header.Length} columns, max |diff| {maxAbs:E2}, max rel {maxRel:E2}");
    }

    /// <summary>nilearn's keyword arguments as SeedCorr options, with 0.10.4's scrub defaults made explicit.</summary>
    private static ConfoundStrategyOptions Options(JsonElement param)
    {
        var kwargs = param.GetProperty("kwargs");
        string? Str(string key) => kwargs.TryGetProperty(key, out var v) ? v.GetString() : null;
        double? Num(string key) => kwargs.TryGetProperty(key, out var v) ? v.GetDouble() : null;
        bool? Bool(string key) => kwargs.TryGetProperty(key, out var v) ? v.GetBoolean() : null;
        var compcorGiven = kwargs.TryGetProperty("n_compcor", out var nc);
        int? compcorCount = compcorGiven && nc.ValueKind == JsonValueKind.Number ? nc.GetInt32() : null;

        if (param.GetProperty("function").GetString() == "load_confounds_strategy")
        {
            var preset = NilearnConfoundNames.Preset(Str("denoise_strategy")!);
            var overrides = new PresetOverrides
            {
                Motion = Str("motion") is { } m ? NilearnConfoundNames.Model("motion", m) : null,
                WmCsf = Str("wm_csf") is { } w ? NilearnConfoundNames.Model("wm_csf", w) : null,
                GlobalSignal = Str("global_signal") is { } g ? NilearnConfoundNames.Model("global_signal", g) : null,
                CompCor = Str("compcor") is { } cc ? NilearnConfoundNames.CompCor(cc) : null,
                CompCorCountGiven = compcorGiven,
                CompCorCount = compcorCount,
                ScrubMinSegment = Num("scrub") is { } s ? (int)s : null,
                FdThreshold = preset == DenoiseStrategy.Scrubbing ? Num("fd_threshold") ?? 0.2 : Num("fd_threshold"),
                StdDvarsThreshold = preset == DenoiseStrategy.Scrubbing ? Num("std_dvars_threshold") ?? 3 : Num("std_dvars_threshold"),
                Demean = Bool("demean"),
            };
            var o = ConfoundPresets.Create(preset, overrides, out var notNeeded);
            Assert.Empty(notNeeded);
            return o;
        }

        var options = new ConfoundStrategyOptions { FdThreshold = Num("fd_threshold") ?? 0.2, StdDvarsThreshold = Num("std_dvars_threshold") ?? 3 };
        if (kwargs.TryGetProperty("strategy", out var st))
        {
            options = options with { Strategy = st.EnumerateArray().Select(e => NilearnConfoundNames.Component(e.GetString()!)).ToList() };
        }

        return options with
        {
            Motion = Str("motion") is { } m2 ? NilearnConfoundNames.Model("motion", m2) : options.Motion,
            WmCsf = Str("wm_csf") is { } w2 ? NilearnConfoundNames.Model("wm_csf", w2) : options.WmCsf,
            GlobalSignal = Str("global_signal") is { } g2 ? NilearnConfoundNames.Model("global_signal", g2) : options.GlobalSignal,
            CompCor = Str("compcor") is { } c2 ? NilearnConfoundNames.CompCor(c2) : options.CompCor,
            CompCorCount = compcorGiven ? compcorCount : options.CompCorCount,
            IcaAroma = Str("ica_aroma") is { } a2 ? NilearnConfoundNames.IcaAroma(a2) : options.IcaAroma,
            ScrubMinSegment = Num("scrub") is { } s2 ? (int)s2 : options.ScrubMinSegment,
            Demean = Bool("demean") ?? options.Demean,
        };
    }
}
