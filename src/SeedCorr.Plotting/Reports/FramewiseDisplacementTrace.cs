using SeedCorr.Core.Confounds;

namespace SeedCorr.Plotting.Reports;

/// <summary>
/// A run's framewise displacement from the fMRIPrep confounds file it used, found through the seed table's Sources
/// (the <c>_desc-confounds_timeseries.tsv</c> named there, through the study's DatasetLinks). fMRIPrep leaves the
/// first value n/a: it stays NaN (not drawn) rather than being filled.
/// </summary>
/// <param name="Values">FD per volume in mm, or null when the file or column was not found.</param>
/// <param name="File">The confounds file read, or the one looked for; null when Sources named none.</param>
/// <param name="Problem">Why there is no trace, or null.</param>
public sealed record FramewiseDisplacementTrace(double[]? Values, string? File, string? Problem)
{
    /// <summary>fMRIPrep's FD column.</summary>
    public const string Column = "framewise_displacement";

    /// <summary>Looks for the trace of a run.</summary>
    public static FramewiseDisplacementTrace Find(RunSidecarFacts facts, IReadOnlyDictionary<string, string> links)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(links);
        var source = facts.Sources.FirstOrDefault(s => s.EndsWith("_desc-confounds_timeseries.tsv", StringComparison.Ordinal));
        if (source is null)
        {
            return new(null, null, "the run's Sources name no fMRIPrep confounds file");
        }

        var path = StudyFolderReader.ResolveSource(source, links);
        if (path is null)
        {
            return new(null, null, $"{source}: its dataset link is not in dataset_description.json's DatasetLinks (or not a local folder)");
        }

        if (!System.IO.File.Exists(path))
        {
            return new(null, path, $"{path} is not there (moved, or the fMRIPrep folder is on another machine)");
        }

        try
        {
            var table = ConfoundsReader.ReadRaw(path);
            if (!table.ColumnNames.Contains(Column))
            {
                return new(null, path, $"{path} has no {Column} column");
            }

            return new(table.GetColumn(Column), path, null);
        }
        catch (Exception ex) when (ex is ConfoundsException or IOException or UnauthorizedAccessException)
        {
            return new(null, path, $"{path} cannot be read: {ex.Message}");
        }
    }
}
