using System.Management.Automation;
using SeedCorr.Core.Confounds;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Writes a Confounds object (the selected design matrix) as a TSV file, atomically.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "Confounds", DefaultParameterSetName = "Path", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportConfoundsCommand : FileWriterCmdlet
{
    /// <summary>The confounds (Import-Confounds).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public ConfoundsTable InputObject { get; set; } = null!;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        string? target = null;
        try
        {
            target = OutputFile.Prepare(this, GivenPath, NoClobber, Force, $"Write the confounds table {InputObject.Rows}x{InputObject.Columns}");
            if (target is null)
            {
                return;
            }

            RunCancellableAction(ct => ConfoundsTsvWriter.Write(InputObject, target, overwrite: !NoClobber, ct));
            WriteVerbose($"Wrote {target}");
            if (PassThru)
            {
                WriteObject(new FileInfo(target));
            }
        }
        catch (ConfoundsException ex)
        {
            WriteError(ErrorRecords.FromConfounds(ex, target ?? GivenPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(ErrorRecords.Create(ErrorIds.ConfoundsWriteFailed, ErrorCategory.WriteError, target ?? GivenPath, $"{target ?? GivenPath}: {ex.Message}", "Check that the folder is writable.", ex));
        }
    }
}
