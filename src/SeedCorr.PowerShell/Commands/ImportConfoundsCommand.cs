using System.Management.Automation;
using SeedCorr.Core.Confounds;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Reads confound regressors (fMRIPrep TSV, CSV, whitespace tables) into a Confounds object.</para>
/// </summary>
[Cmdlet(VerbsData.Import, "Confounds", DefaultParameterSetName = "Path")]
[OutputType(typeof(ConfoundsTable))]
public sealed class ImportConfoundsCommand : FileReaderCmdlet
{
    /// <summary>Columns to keep, by name or wildcard (trans_*, rot_?), in this order; all columns when omitted.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[]? Column { get; set; }

    /// <inheritdoc />
    protected override string NotFoundErrorId => ErrorIds.ConfoundsFileNotFound;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var file in ResolvedFiles())
        {
            try
            {
                var table = ConfoundsReader.Read(file, Column);
                if (table.FilledColumns.Length > 0)
                {
                    WriteWarning($"{System.IO.Path.GetFileName(file)}: the first-row n/a of {string.Join(", ", table.FilledColumns)} was filled with the second row's value (as nilearn's load_confounds does).");
                }

                WriteObject(table);
            }
            catch (ConfoundsException ex)
            {
                WriteError(ErrorRecords.FromConfounds(ex, file));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                WriteError(ErrorRecords.Create(ErrorIds.ConfoundsMalformed, ErrorCategory.ReadError, file, $"{file}: {ex.Message}", "Check the file's permissions.", ex));
            }
        }
    }
}
