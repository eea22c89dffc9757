using System.Globalization;

namespace SeedCorr.Core.Confounds;

/// <summary>
/// nilearn's <c>load_confounds</c> on a parsed fMRIPrep table: the columns of each strategy component, the sample
/// mask from non-steady-state and scrubbed volumes, the output columns sorted by name, row 0's n/a filled from row 1,
/// and the columns demeaned over the kept volumes. Where nilearn raises a bare KeyError, returns an empty mask or
/// lets n/a through, this refuses with a message naming the columns (docs/nilearn-differences.md).
/// </summary>
public static class ConfoundStrategyLoader
{
    private static readonly string[] MotionBase = ["trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z"];
    private static readonly string[] ScrubColumns = ["framewise_displacement", "std_dvars"];

    /// <summary>
    /// nilearn's <c>load_confounds(img, …)</c> for one file: <paramref name="path"/> is an fMRIPrep BOLD image (its
    /// confounds TSV and JSON sidecar are found by BIDS name) or the confounds TSV itself. The sidecar is read when it
    /// exists (a broken one is an error, as in nilearn) and must exist for CompCor.
    /// </summary>
    public static ConfoundsTable LoadFile(string path, ConfoundStrategyOptions options, ICollection<string> warnings)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        string table;
        if (FmriprepConfoundFiles.IsTable(path))
        {
            table = path;
        }
        else
        {
            FmriprepConfoundFiles.CheckImageName(path, options.Uses(ConfoundComponent.IcaAroma) && options.IcaAroma == IcaAromaMode.Full);
            table = FmriprepConfoundFiles.FindTable(path);
        }

        var raw = ConfoundsReader.ReadRaw(table);
        var json = FmriprepConfoundFiles.SidecarPath(table);
        var sidecar = File.Exists(json) ? ConfoundsSidecar.Read(json) : null;
        return Load(raw, sidecar, options, warnings);
    }

    /// <summary>
    /// Selects from <paramref name="raw"/> (every column, n/a as NaN: <see cref="ConfoundsReader.ReadRaw"/>) what
    /// <paramref name="options"/> asks for. <paramref name="sidecar"/> is needed for CompCor. nilearn's warnings are
    /// added to <paramref name="warnings"/>.
    /// </summary>
    public static ConfoundsTable Load(ConfoundsTable raw, ConfoundsSidecar? sidecar, ConfoundStrategyOptions options, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(warnings);
        var path = raw.Path;
        CheckHeader(raw);
        options.Validate(path);
        if (options.Uses(ConfoundComponent.CompCor) && !options.Uses(ConfoundComponent.HighPass))
        {
            throw new ConfoundsException(ConfoundsErrorKind.InvalidStrategy, path,
                $"When using compcor, `high_pass` must be included in strategy (fMRIPrep filters before CompCor). Current strategy: {string.Join(", ", options.Strategy)}");
        }

        if (options.Uses(ConfoundComponent.NonSteadyState))
        {
            warnings.Add("Non-steady state volumes are always detected. It doesn't need to be supplied as part of the strategy. Supplying non_steady_state in strategy will not have additional effect.");
        }

        var names = raw.ColumnNames;
        var present = new HashSet<string>(names, StringComparer.Ordinal);
        var selected = new List<string>();
        var missingColumns = new List<string>();
        var missingKeywords = new List<string>();
        List<string> Containing(string key) => names.Where(n => n.Contains(key, StringComparison.Ordinal)).ToList();

        // Exactly named columns: all missing → the keyword; some missing → the columns (nilearn: motion only, others a KeyError).
        void Exact(IReadOnlyList<string> wanted, string keyword)
        {
            var absent = wanted.Where(w => !present.Contains(w)).ToList();
            if (absent.Count == wanted.Count)
            {
                missingKeywords.Add(keyword);
            }
            else if (absent.Count > 0)
            {
                missingColumns.AddRange(absent);
            }
            else
            {
                selected.AddRange(wanted);
            }
        }

        selected.AddRange(Containing("non_steady_state"));
        int[]? scrubbed = null;
        foreach (var component in options.Strategy)
        {
            switch (component)
            {
                case ConfoundComponent.Motion:
                    Exact(AddSuffix(MotionBase, options.Motion), "motion");
                    break;
                case ConfoundComponent.HighPass:
                    selected.AddRange(Containing("cosine"));
                    break;
                case ConfoundComponent.WmCsf:
                    Exact(AddSuffix(["csf", "white_matter"], options.WmCsf), "wm_csf");
                    break;
                case ConfoundComponent.GlobalSignal:
                    Exact(AddSuffix(["global_signal"], options.GlobalSignal), "global_signal");
                    break;
                case ConfoundComponent.CompCor:
                    var comps = CompCorSelection.Find(sidecar ?? throw MissingSidecar(path, options), options.CompCor, options.CompCorCount);
                    if (comps.Count == 0)
                    {
                        missingKeywords.Add("compcor");
                    }
                    else
                    {
                        Exact(comps, "compcor");
                    }

                    break;
                case ConfoundComponent.IcaAroma when options.IcaAroma == IcaAromaMode.Basic:
                    var aroma = Containing("aroma");
                    if (aroma.Count == 0)
                    {
                        missingKeywords.Add("ica_aroma");
                    }

                    selected.AddRange(aroma);
                    break;
                case ConfoundComponent.Scrub:
                    var need = ScrubColumns.Where(c => !present.Contains(c)).ToList();
                    if (need.Count > 0)
                    {
                        missingColumns.AddRange(need);
                        break;
                    }

                    var outliers = Scrubbing.Outliers(raw.GetColumn("framewise_displacement"), raw.GetColumn("std_dvars"), options.FdThreshold, options.StdDvarsThreshold);
                    var fromScrub = options.ScrubMinSegment > 0 && outliers.Length > 0 ? Scrubbing.RemoveShortSegments(outliers, raw.Rows, options.ScrubMinSegment) : outliers;
                    scrubbed = [.. (scrubbed ?? []).Union(fromScrub)];
                    break;
                case ConfoundComponent.NonSteadyState:
                    break; // always loaded above
            }
        }

        foreach (var pattern in options.ExtraColumns)
        {
            var regex = ConfoundsReader.ColumnPattern(pattern);
            var matches = names.Where(n => regex.IsMatch(n)).ToList();
            if (matches.Count == 0)
            {
                missingColumns.Add(pattern);
            }

            selected.AddRange(matches);
        }

        if (missingColumns.Count > 0 || missingKeywords.Count > 0)
        {
            throw new ConfoundsException(ConfoundsErrorKind.StrategyColumnsMissing, path,
                "The following keywords or parameters are missing: " + string.Join(", ", missingColumns.Concat(missingKeywords).Select(m => $"'{m}'"))
                + ". You may want to try a different denoising strategy.");
        }

        return Assemble(raw, sidecar, options, selected, scrubbed);
    }

    /// <summary>nilearn's <c>prepare_output</c>: the outlier columns become the sample mask, the rest sorted, filled and demeaned.</summary>
    private static ConfoundsTable Assemble(ConfoundsTable raw, ConfoundsSidecar? sidecar, ConfoundStrategyOptions o, List<string> selected, int[]? scrubbed)
    {
        static bool IsOutlier(string n) => n.Contains("motion_outlier", StringComparison.Ordinal) || n.Contains("non_steady_state", StringComparison.Ordinal);
        var n = raw.Rows;
        var outlierColumns = selected.Where(IsOutlier).Distinct().ToList();
        var kept = new bool[n];
        Array.Fill(kept, true);
        foreach (var col in outlierColumns)
        {
            var v = raw.GetColumn(col);
            for (var r = 0; r < n; r++)
            {
                // nilearn keeps a volume whose row sum over the outlier columns is 0; n/a makes the sum n/a (censored).
                if (v[r] != 0)
                {
                    kept[r] = false;
                }
            }
        }

        foreach (var r in scrubbed ?? [])
        {
            kept[r] = false;
        }

        var hasOutliers = outlierColumns.Count > 0 || scrubbed is { Length: > 0 };
        var mask = hasOutliers ? Enumerable.Range(0, n).Where(r => kept[r]).ToArray() : null;
        if (mask is { Length: 0 })
        {
            throw new ConfoundsException(ConfoundsErrorKind.AllVolumesCensored, raw.Path,
                $"every one of the {n} volumes is censored ({(scrubbed?.Length ?? 0)} by scrubbing at FD > {o.FdThreshold.ToString(CultureInfo.InvariantCulture)} mm or std DVARS > {o.StdDvarsThreshold.ToString(CultureInfo.InvariantCulture)}, the rest non-steady-state): raise the thresholds or lower the minimal segment");
        }

        var columns = selected.Where(c => !IsOutlier(c)).Distinct().Order(StringComparer.Ordinal).ToList();
        var k = columns.Count;
        var values = new double[n * k];
        for (var j = 0; j < k; j++)
        {
            var col = raw.GetColumn(columns[j]);
            if (n > 1 && double.IsNaN(col[0]))
            {
                col[0] = col[1]; // derivatives, FD and DVARS are n/a at t = 0 (nilearn fills row 0 only)
            }

            for (var r = 0; r < n; r++)
            {
                if (double.IsNaN(col[r]))
                {
                    throw new ConfoundsException(ConfoundsErrorKind.MissingValue, raw.Path,
                        $"column '{columns[j]}' has a missing value (n/a) in data row {r + 1}; only the first row can be filled (from the second). nilearn would pass the n/a on to the regression.");
                }
            }

            if (o.Demean)
            {
                // Neumaier's compensated sum: squared columns reach 1e5–1e6, where a plain running sum is 1e-10 off
                // numpy's (pairwise) mean; the compensated one is within an ulp of the exact mean.
                double sum = 0, compensation = 0;
                var count = 0;
                for (var r = 0; r < n; r++)
                {
                    if (mask is null || kept[r])
                    {
                        var t = sum + col[r];
                        compensation += Math.Abs(sum) >= Math.Abs(col[r]) ? (sum - t) + col[r] : (col[r] - t) + sum;
                        sum = t;
                        count++;
                    }
                }

                var mean = (sum + compensation) / count;
                for (var r = 0; r < n; r++)
                {
                    col[r] -= mean;
                }
            }

            for (var r = 0; r < n; r++)
            {
                // Values near the double range (1e307 …) are finite in the file but their sum or difference is not:
                // an infinite mean would turn the column into -∞/NaN that the cleaner reports without the row.
                values[(r * k) + j] = double.IsFinite(col[r]) ? col[r] : throw TooLarge(raw, columns[j]);
            }
        }

        var files = new List<string>();
        if (raw.Path is not null)
        {
            files.Add(raw.Path);
        }

        if (sidecar is not null)
        {
            files.Add(sidecar.Path);
        }

        return new ConfoundsTable(columns, values, n, raw.Path) { SampleMask = mask, Strategy = o, SourceFiles = files };
    }

    /// <summary>nilearn's <c>add_suffix</c>: the base names first, then each base's expansions.</summary>
    public static IReadOnlyList<string> AddSuffix(IReadOnlyList<string> baseNames, ExpansionModel model)
    {
        ArgumentNullException.ThrowIfNull(baseNames);
        string[] suffixes = model switch
        {
            ExpansionModel.Basic => [],
            ExpansionModel.Power2 => ["power2"],
            ExpansionModel.Derivatives => ["derivative1"],
            _ => ["derivative1", "power2", "derivative1_power2"],
        };
        return [.. baseNames, .. baseNames.SelectMany(b => suffixes.Select(s => $"{b}_{s}"))];
    }

    /// <summary>nilearn's header checks: camelCase names (fMRIPrep 1.0/1.1) and a missing header are refused.</summary>
    private static void CheckHeader(ConfoundsTable raw)
    {
        if (!raw.HasHeader)
        {
            throw new ConfoundsException(ConfoundsErrorKind.NoHeader, raw.Path,
                "The confound file contains no header (its first line is numbers). Is this an old version fMRIPrep output? Strategies need fMRIPrep ≥ 1.2 column names; use -Column or no strategy for a plain table.");
        }

        var camel = raw.ColumnNames.FirstOrDefault(s => !string.Equals(s, s.ToLowerInvariant(), StringComparison.Ordinal) && !string.Equals(s, s.ToUpperInvariant(), StringComparison.Ordinal) && !s.Contains('_', StringComparison.Ordinal));
        if (camel is not null)
        {
            throw new ConfoundsException(ConfoundsErrorKind.CamelCaseHeader, raw.Path,
                $"The confound file contains header in camel case (column '{camel}'). This is likely the output from fMRIPrep 1.0.x and 1.1.x series. Strategies support fMRIPrep outputs >= 1.2.0.");
        }
    }

    private static ConfoundsException TooLarge(ConfoundsTable raw, string column)
    {
        var col = raw.GetColumn(column);
        var r = Enumerable.Range(0, col.Length).Where(i => double.IsFinite(col[i])).MaxBy(i => Math.Abs(col[i]));
        return new ConfoundsException(ConfoundsErrorKind.Malformed, raw.Path,
            $"column '{column}' holds values too large to demean in double precision ({col[r].ToString("G6", CultureInfo.InvariantCulture)} in data row {r + 1}): is the column in the right unit?");
    }

    private static ConfoundsException MissingSidecar(string? path, ConfoundStrategyOptions o) =>
        new(ConfoundsErrorKind.SidecarMissing, path,
            $"Could not find the associated JSON sidecar {(path is null ? string.Empty : System.IO.Path.GetFileName(FmriprepConfoundFiles.SidecarPath(path)))}. It is necessary for CompCor ({o.CompCor}): the CompCor component is only supported for fMRIPrep version >= 1.4.0.");
}
