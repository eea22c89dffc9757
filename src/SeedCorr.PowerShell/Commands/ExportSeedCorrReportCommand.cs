using System.Management.Automation;
using SeedCorr.Plotting.Reports;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Writes the HTML report of a SeedCorr study: one self-contained page (no network) with the parameters, every run's seed series, motion, censoring, degrees of freedom and maps, the group maps and the failed runs.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "SeedCorrReport", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportSeedCorrReportCommand : OutputSwitchesCmdlet
{
    /// <summary>The SeedCorr output folder (Invoke-SeedToVoxel's -OutputDirectory); wildcards allowed, one folder.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>The report file to write (.html), taken exactly as written.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [Alias("LP", "OutputPath")]
    [ValidateNotNullOrEmpty]
    public string LiteralPath { get; set; } = string.Empty;

    /// <summary>Run maps: r values with |r| at or below this are not drawn.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double Threshold { get; set; } = 0.5;

    /// <summary>Group maps: z (or t) values with |value| at or below this are not drawn.</summary>
    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double GroupThreshold { get; set; } = 3.09;

    /// <summary>The page's title. Default: the dataset's name.</summary>
    [Parameter]
    public string? Title { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var folders = PathResolver.ResolveExisting(this, Path, literal: false, ErrorIds.ReportStudyNotFound).ToList();
        if (folders.Count == 0)
        {
            return;
        }

        if (folders.Count > 1 || !Directory.Exists(folders[0]))
        {
            WriteError(ErrorRecords.Create(ErrorIds.ReportStudyNotFound, ErrorCategory.InvalidArgument, Path,
                folders.Count > 1 ? $"'{Path}' matches {folders.Count} items; a report is of one study folder." : $"'{folders[0]}' is not a folder.",
                "Give the folder that Invoke-SeedToVoxel wrote (its -OutputDirectory)."));
            return;
        }

        var extension = System.IO.Path.GetExtension(LiteralPath);
        if (!extension.Equals(".html", StringComparison.OrdinalIgnoreCase) && !extension.Equals(".htm", StringComparison.OrdinalIgnoreCase))
        {
            WriteError(ErrorRecords.Create(ErrorIds.ReportFormatUnsupported, ErrorCategory.InvalidArgument, LiteralPath,
                $"'{LiteralPath}': the report is an HTML page.", "Name the file with the .html extension."));
            return;
        }

        StudyContents study;
        try
        {
            study = StudyFolderReader.Read(folders[0]);
        }
        catch (InvalidDataException ex)
        {
            WriteError(ErrorRecords.Create(ErrorIds.ReportStudyEmpty, ErrorCategory.InvalidData, folders[0], ex.Message,
                "Give the folder that Invoke-SeedToVoxel wrote (its -OutputDirectory).", ex));
            return;
        }

        foreach (var problem in study.Problems)
        {
            WriteWarning(problem);
        }

        var report = new StudyReport(study) { Threshold = Threshold, GroupThreshold = GroupThreshold, Title = Title };
        string? target = null;
        try
        {
            target = OutputFile.Prepare(this, LiteralPath, NoClobber, Force, $"Write the report of {study.Runs.Count} run(s) in {study.Directory}");
            if (target is null)
            {
                return;
            }

            var progress = new CmdletProgress(this, 10, "Export-SeedCorrReport", $"Drawing the report of {study.Directory}");
            try
            {
                RunCancellableAction(ct => report.Save(target, OutputFile.Existing(NoClobber, Force), progress, ct));
            }
            finally
            {
                progress.Complete();
            }

            WriteVerbose($"Wrote {target}");
            if (PassThru)
            {
                WriteObject(new FileInfo(target));
            }
        }
        catch (SeedCorr.Core.IO.FileReadOnlyException ex)
        {
            WriteError(OutputFile.ReadOnly(ex, target ?? LiteralPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(ErrorRecords.Create(ErrorIds.ReportWriteFailed, ErrorCategory.WriteError, target ?? LiteralPath,
                $"{target ?? LiteralPath}: {ex.Message}", "Check that the folder is writable.", ex));
        }
    }
}
