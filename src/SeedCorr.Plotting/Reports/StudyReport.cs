using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SeedCorr.Core.Confounds;
using SeedCorr.Core.IO;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Study;

namespace SeedCorr.Plotting.Reports;

/// <summary>
/// The study report: one self-contained HTML page (no script, no network: figures are inline SVG or PNG data URIs)
/// from a SeedCorr output folder. It shows the study's parameters and provenance, a table of every run, the runs that
/// failed and why, and per run the cleaned seed series, the framewise displacement with the censored volumes, the
/// volumes kept and degrees of freedom (flagged below <see cref="Core.Signal.SignalCleaning.LowDegreesOfFreedom"/>)
/// and each seed's r map; then the group maps of <c>group/</c>.
/// </summary>
public sealed class StudyReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly StudyContents _study;

    /// <summary>Prepares the report of a study read by <see cref="StudyFolderReader"/>.</summary>
    public StudyReport(StudyContents study) => _study = study ?? throw new ArgumentNullException(nameof(study));

    /// <summary>r values with |r| ≤ this are not drawn on the run maps (nilearn's example: 0.5).</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Group z (or t) values with |value| ≤ this are not drawn (3.09: one-sided p 0.001).</summary>
    public double GroupThreshold { get; init; } = 3.09;

    /// <summary>The page's title; null: the dataset's name.</summary>
    public string? Title { get; init; }

    /// <summary>The study drawn.</summary>
    public StudyContents Study => _study;

    /// <summary>The page; progress goes from 0 to 1 over the figures.</summary>
    public string ToHtml(IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var runs = _study.Runs;
        var withFacts = runs.Where(r => r.Facts is not null).ToList();
        var figures = withFacts.Sum(r => r.Facts!.Seeds.Count) + GroupFigures().Count;
        var done = 0;
        void Step()
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(figures == 0 ? 1 : (double)++done / figures);
        }

        var title = Title ?? _study.Name ?? "SeedCorr study";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        // No script, and the policy says so: nothing may be fetched, images only from data: URIs.
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">");
        html.Append("<title>").Append(E(title)).Append("</title><style>").Append(Css).Append("</style></head><body>");
        html.Append("<h1>").Append(E(title)).Append("</h1>");
        Overview(html, runs);
        Parameters(html, withFacts);
        RunTable(html, runs);
        Failures(html, runs);
        foreach (var run in withFacts)
        {
            RunSection(html, run, Step);
        }

        GroupSection(html, Step);
        if (_study.Problems.Count > 0)
        {
            html.Append("<h2>Files that could not be read</h2><ul id=\"problems\">");
            foreach (var p in _study.Problems)
            {
                html.Append("<li>").Append(E(p)).Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("<footer>Written by SeedCorr ").Append(E(Core.Bids.GeneratedBy.SeedCorr().FullVersion)).Append(" on ")
            .Append(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append("</footer></body></html>\n");
        progress?.Report(1);
        return html.ToString();
    }

    /// <summary>Writes the page atomically (UTF-8); <paramref name="existing"/> says what happens to an existing file.</summary>
    public void Save(string path, ExistingTarget existing, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var bytes = new UTF8Encoding(false).GetBytes(ToHtml(progress, cancellationToken));
        AtomicFile.Write(path, stream => stream.Write(bytes), existing, cancellationToken);
    }

    private void Overview(StringBuilder html, IReadOnlyList<ReportRun> runs)
    {
        int Count(RunStatus s) => runs.Count(r => r.Status == s);
        html.Append("<table class=\"facts\" id=\"overview\">");
        Row(html, "Output folder", E(_study.Directory));
        Row(html, "Written by", E(_study.Software ?? "(no dataset_description.json)"));
        foreach (var (name, uri) in _study.DatasetLinks)
        {
            Row(html, $"Input ({E(name)})", E(StudyFolderReader.ResolveSource(uri, _study.DatasetLinks) ?? uri));
        }

        Row(html, "Runs", Inv($"{runs.Count}: {Count(RunStatus.Succeeded)} succeeded, {Count(RunStatus.Skipped)} skipped (already up to date), {Count(RunStatus.Failed)} failed")
            + (runs.Any(r => r.Status is null) ? Inv($", {runs.Count(r => r.Status is null)} without a status file") : string.Empty));
        html.Append("</table>");
    }

    private static void Parameters(StringBuilder html, List<ReportRun> runs)
    {
        html.Append("<h2 id=\"parameters\">Parameters and provenance</h2>");
        if (runs.Count == 0)
        {
            html.Append("<p>No run has a seed table: there are no parameters to show.</p>");
            return;
        }

        var first = runs[0].Facts!;
        html.Append("<p>As recorded in the seed table sidecar of ").Append(E(runs[0].SourceEntities)).Append(".</p>");
        var differ = runs.Where(r => r.Facts!.Strategy != first.Strategy || r.Facts.Filters != first.Filters
            || r.Facts.SmoothingFwhm != first.SmoothingFwhm || !r.Facts.ConfoundColumns.SequenceEqual(first.ConfoundColumns)
            || r.Facts.Software != first.Software).Select(r => r.SourceEntities).ToList();
        if (differ.Count > 0)
        {
            html.Append("<p class=\"warning\" id=\"parameters-differ\">These runs were made with other parameters, columns or software: ")
                .Append(E(string.Join(", ", differ))).Append(" (see their own sections).</p>");
        }

        html.Append("<table class=\"facts\" id=\"parameter-table\">");
        Row(html, "Software", E(first.Software ?? "?"));
        Row(html, "Confound strategy", E(first.StrategyName));
        Row(html, "Strategy parameters", E(Compact(first.Strategy)));
        Row(html, "Confound columns", Inv($"{first.ConfoundColumns.Count}: ") + E(string.Join(", ", first.ConfoundColumns)));
        Row(html, "Filters", "<pre>" + E(Pretty(first.Filters)) + "</pre>");
        Row(html, "Smoothing (FWHM)", first.SmoothingFwhm is { } s ? Inv($"{s} mm") : "none");
        Row(html, "Repetition time", first.RepetitionTime is { } tr ? Inv($"{tr} s") : "?");
        html.Append("</table><h3>Seeds</h3><table class=\"grid\" id=\"seeds\"><tr><th>Seed</th><th>Type</th><th>Centre (mm)</th><th>Radius (mm)</th><th>Description</th></tr>");
        foreach (var seed in first.Seeds)
        {
            html.Append("<tr><td>").Append(E(seed.Column)).Append("</td><td>").Append(E(seed.Type ?? "")).Append("</td><td>")
                .Append(seed.Coordinates is { } c ? Inv($"({c.X}, {c.Y}, {c.Z})") : "").Append("</td><td>")
                .Append(seed.RadiusMm is { } r ? Inv($"{r}") : "").Append("</td><td>").Append(E(seed.Description)).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static void RunTable(StringBuilder html, IReadOnlyList<ReportRun> runs)
    {
        html.Append("<h2 id=\"runs\">Runs</h2><table class=\"grid\" id=\"run-table\"><tr><th>Run</th><th>Status</th><th>Volumes kept</th><th>Censored</th><th>Degrees of freedom</th><th>Seconds</th></tr>");
        foreach (var run in runs)
        {
            var f = run.Facts;
            html.Append("<tr data-run=\"").Append(E(run.SourceEntities)).Append("\"><td>")
                .Append(f is null ? E(run.SourceEntities) : $"<a href=\"#{Anchor(run)}\">{E(run.SourceEntities)}</a>")
                .Append("</td><td class=\"status ").Append(E((run.Status?.ToString() ?? "unknown").ToLowerInvariant())).Append("\">")
                .Append(E(run.Status?.ToString() ?? "(no status file)")).Append("</td><td>")
                .Append(f is null ? "" : Inv($"{f.VolumesRetained}")).Append("</td><td>")
                .Append(f is null ? "" : Inv($"{f.CensoredVolumes.Count}")).Append("</td><td>")
                .Append(f is null ? "" : Dof(f)).Append("</td><td>")
                .Append(run.Seconds is { } s ? Inv($"{s:0.0}") : "").Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static void Failures(StringBuilder html, IReadOnlyList<ReportRun> runs)
    {
        var failed = runs.Where(r => r.Status == RunStatus.Failed).ToList();
        html.Append("<h2 id=\"failures\">Failed runs</h2>");
        if (failed.Count == 0)
        {
            html.Append("<p id=\"no-failures\">No run failed.</p>");
        }
        else
        {
            html.Append("<table class=\"grid\" id=\"failed-runs\"><tr><th>Run</th><th>Error</th><th>Message</th><th>BOLD file</th></tr>");
            foreach (var run in failed)
            {
                html.Append("<tr data-run=\"").Append(E(run.SourceEntities)).Append("\"><td>").Append(E(run.SourceEntities))
                    .Append("</td><td class=\"error\">").Append(E(string.Join(" ", new[] { run.ErrorType, run.ErrorKind }.OfType<string>())))
                    .Append("</td><td class=\"message\">").Append(E(run.ErrorMessage ?? "(no message)"))
                    .Append("</td><td>").Append(E(run.Bold ?? "")).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        var skipped = runs.Where(r => r.Status == RunStatus.Skipped).Select(r => r.SourceEntities).ToList();
        html.Append("<p id=\"skipped-runs\">").Append(skipped.Count == 0
            ? "No run was skipped by the last call."
            : "Skipped by the last call (their outputs were up to date, made with the same inputs and parameters): " + E(string.Join(", ", skipped)))
            .Append("</p>");
    }

    private void RunSection(StringBuilder html, ReportRun run, Action step)
    {
        var f = run.Facts!;
        html.Append("<section class=\"run\" id=\"").Append(Anchor(run)).Append("\" data-run=\"").Append(E(run.SourceEntities)).Append("\"><h2>")
            .Append(E(run.SourceEntities)).Append("</h2><p>");
        html.Append(Inv($"Volumes kept: <span class=\"kept\">{f.VolumesRetained}</span>; censored: <span class=\"censored-count\">{f.CensoredVolumes.Count}</span>"));
        if (f.CensoredVolumes.Count > 0)
        {
            html.Append(" (").Append(E(string.Join(", ", f.CensoredVolumes))).Append(')');
        }

        html.Append("; degrees of freedom: ").Append(Dof(f)).Append("; strategy ").Append(E(f.StrategyName))
            .Append(Inv($" with {f.ConfoundColumns.Count} columns.")).Append("</p>");
        if (f.LowDegreesOfFreedom)
        {
            html.Append("<p class=\"warning low-dof\">").Append(Inv($"Fewer than {Core.Signal.SignalCleaning.LowDegreesOfFreedom} degrees of freedom are left after cleaning: this run's correlations are unreliable.")).Append("</p>");
        }

        html.Append("<details class=\"provenance\"><summary>Inputs and provenance</summary><ul>");
        foreach (var source in f.Sources)
        {
            html.Append("<li>").Append(E(StudyFolderReader.ResolveSource(source, _study.DatasetLinks) ?? source)).Append("</li>");
        }

        html.Append("</ul><p>Made by SeedCorr ").Append(E(f.Software ?? "?")).Append("; provenance hash <code>").Append(E(f.ProvenanceHash ?? "?"))
            .Append("</code> (inputs by path, size and time, the parameters, the version).</p></details>");
        foreach (var w in f.Warnings)
        {
            html.Append("<p class=\"warning\">").Append(E(w)).Append("</p>");
        }

        html.Append("<h3>Cleaned seed time series</h3>");
        html.Append(SeedSeries(f));
        html.Append("<h3>Framewise displacement</h3>");
        var fd = FramewiseDisplacementTrace.Find(f, _study.DatasetLinks);
        if (fd.Values is null)
        {
            html.Append("<p class=\"warning no-fd\">No framewise displacement trace: ").Append(E(fd.Problem ?? "?")).Append(".</p>");
        }
        else
        {
            var chart = new SvgLineChart { SecondsPerVolume = null, YLabel = "FD (mm)", Marked = f.CensoredVolumes, Threshold = f.FdThreshold }.Add("FD", fd.Values);
            html.Append("<div class=\"figure fd\">").Append(chart.ToSvg()).Append("</div><p class=\"caption\">From ").Append(E(fd.File!))
                .Append(f.CensoredVolumes.Count > 0 ? "; censored volumes in red" : "; no volume censored")
                .Append(f.FdThreshold is { } t ? Inv($"; dashed: the scrubbing threshold {t} mm") : string.Empty).Append(".</p>");
        }

        html.Append("<h3>Seed maps (Pearson's r)</h3>");
        foreach (var seed in f.Seeds)
        {
            if (seed.CorrelationMap is null)
            {
                html.Append("<p class=\"warning\">").Append(E(seed.Column)).Append(": the r map is missing.</p>");
            }
            else
            {
                var caption = Inv($"{seed.Column}: {Path.GetFileName(seed.CorrelationMap)}, |r| > {Threshold}");
                html.Append(MapFigure(seed.CorrelationMap, seed.Coordinates, Threshold, 1, seed.Column, caption,
                    Inv($" data-run=\"{E(run.SourceEntities)}\" data-seed=\"{E(seed.Column)}\"")));
            }

            step();
        }

        html.Append("</section>");
    }

    private static string SeedSeries(RunSidecarFacts f)
    {
        try
        {
            var table = ConfoundsReader.ReadRaw(f.SeedsTable);
            // By volume number, as the FD trace below it, so that a spike and a censored volume line up.
            var chart = new SvgLineChart { YLabel = "Normalized signal" };
            foreach (var name in table.ColumnNames)
            {
                chart.Add(name, AtRunVolumes(table.GetColumn(name), f.CensoredVolumes));
            }

            return "<div class=\"figure seeds\">" + chart.ToSvg() + "</div>";
        }
        catch (Exception ex) when (ex is ConfoundsException or IOException or UnauthorizedAccessException)
        {
            return "<p class=\"warning\">The seed table cannot be read: " + E(ex.Message) + "</p>";
        }
    }

    // The seed table holds the kept volumes only: put them back at their volume numbers, censored ones as gaps, so
    // that the series lines up with the FD trace of every volume.
    private static double[] AtRunVolumes(double[] kept, IReadOnlyList<int> censored)
    {
        var removed = censored.ToHashSet();
        var all = new double[kept.Length + removed.Count];
        var next = 0;
        for (var v = 0; v < all.Length; v++)
        {
            all[v] = removed.Contains(v) || next >= kept.Length ? double.NaN : kept[next++];
        }

        return all;
    }

    // One figure per group seed: its z map, else its t map.
    private List<GroupMapFile> GroupFigures() =>
        [.. _study.GroupMaps.GroupBy(g => g.Seed).Select(g => g.FirstOrDefault(m => m.Stat == "z") ?? g.FirstOrDefault(m => m.Stat == "t")).OfType<GroupMapFile>()];

    private void GroupSection(StringBuilder html, Action step)
    {
        var maps = GroupFigures();
        if (maps.Count == 0)
        {
            return;
        }

        html.Append("<h2 id=\"group\">Group maps</h2>");
        foreach (var m in maps)
        {
            var caption = Inv($"{m.Seed}: one-sample test, {m.Stat} map, |{m.Stat}| > {GroupThreshold}") + (m.Subjects is { } n ? Inv($", {n} subjects") : string.Empty)
                + " (" + Path.GetFileName(m.Path) + ")";
            html.Append(MapFigure(m.Path, null, GroupThreshold, null, "group " + m.Seed, caption, Inv($" data-group-seed=\"{E(m.Seed)}\" data-stat=\"{E(m.Stat)}\"")));
            step();
        }
    }

    private static string MapFigure(string path, Core.Geometry.WorldPoint? cut, double threshold, double? vmax, string title, string caption, string attributes)
    {
        try
        {
            var figure = new StatMapThumbnail(NiftiReader.Read(path), cut, threshold, vmax, title, cut is { } c ? [c] : null);
            var png = Convert.ToBase64String(figure.ToPng());
            var at = figure.Plot.Cut;
            return Inv($"<figure class=\"statmap\"{attributes} data-cut=\"{at.X},{at.Y},{at.Z}\"><img alt=\"{E(title)}\" width=\"{StatMapThumbnail.Width}\" height=\"{StatMapThumbnail.Height}\" src=\"data:image/png;base64,{png}\"><figcaption>{E(caption)}{(figure.InMni ? ", over the MNI152 2009a template" : string.Empty)}.</figcaption></figure>");
        }
        catch (Exception ex) when (ex is NiftiException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return "<p class=\"warning\">" + E(Path.GetFileName(path)) + " cannot be drawn: " + E(ex.Message) + "</p>";
        }
    }

    private static string Dof(RunSidecarFacts f) =>
        Inv($"<span class=\"dof{(f.LowDegreesOfFreedom ? " low" : string.Empty)}\" data-dof=\"{f.DegreesOfFreedom}\">{f.DegreesOfFreedom:0.#}</span>")
        + (f.LowDegreesOfFreedom ? Inv($" <span class=\"flag\" title=\"fewer than {Core.Signal.SignalCleaning.LowDegreesOfFreedom}\">low</span>") : string.Empty);

    private static string Anchor(ReportRun run) => "run-" + E(run.SourceEntities);

    private static void Row(StringBuilder html, string key, string value) =>
        html.Append("<tr><th>").Append(key).Append("</th><td>").Append(value).Append("</td></tr>");

    // "Motion: Full; WmCsf: Basic; …": the parameters on a line; the columns have their own row.
    private static string Compact(string json)
    {
        try
        {
            return JsonNode.Parse(json) is JsonObject o
                ? string.Join("; ", o.Where(p => p.Key != "Columns" && p.Value is not null).Select(p => $"{p.Key}: {(p.Value is JsonArray a ? string.Join(", ", a.Select(v => v?.ToString())) : p.Value!.ToString())}"))
                : json;
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static string Pretty(string json)
    {
        try
        {
            return JsonNode.Parse(json)?.ToJsonString(Indented) ?? json;
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private const string Css = """
        body { font-family: sans-serif; margin: 24px; max-width: 1000px; color: #222; background: #fff; }
        h1 { font-size: 24px; } h2 { font-size: 19px; border-bottom: 1px solid #ccc; margin-top: 32px; } h3 { font-size: 15px; }
        table { border-collapse: collapse; margin: 8px 0; } th, td { text-align: left; vertical-align: top; padding: 3px 8px; font-size: 13px; }
        table.grid th, table.grid td { border: 1px solid #ccc; } table.facts th { white-space: nowrap; color: #555; }
        pre { margin: 0; font-size: 12px; } .warning { color: #a40000; }
        .status.failed, .dof.low, .flag { color: #a40000; font-weight: bold; } .status.succeeded { color: #1a7f37; }
        figure { margin: 8px 0; } figure img { display: block; image-rendering: pixelated; } figcaption, .caption { font-size: 12px; color: #555; }
        footer { margin-top: 32px; font-size: 12px; color: #777; }
        """;
}
