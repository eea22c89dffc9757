using System.Management.Automation;
using SeedCorr.Core.Bids;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Finds the preprocessed BOLD runs of an fMRIPrep derivatives folder, each paired with its brain mask, confounds and JSON sidecars.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "FmriprepRun", DefaultParameterSetName = PathSet)]
[OutputType(typeof(FmriprepRun))]
public sealed class GetFmriprepRunCommand : FileReaderCmdlet
{
    // -Path / -LiteralPath (from FileReaderCmdlet) name the fMRIPrep derivatives folder(s).

    /// <summary>Subject labels, with or without sub-.</summary>
    [Parameter]
    [Alias("ParticipantLabel")]
    public string[]? Subject { get; set; }

    /// <summary>Session labels, with or without ses-.</summary>
    [Parameter]
    public string[]? Session { get; set; }

    /// <summary>Task labels, with or without task-.</summary>
    [Parameter]
    public string[]? Task { get; set; }

    /// <summary>Run indices, with or without run- (compared as numbers).</summary>
    [Parameter]
    public string[]? Run { get; set; }

    /// <summary>Output spaces, with or without space-.</summary>
    [Parameter]
    public string[]? Space { get; set; }

    /// <summary>Also output runs that lack a needed file (after their error records), with their Problems filled in.</summary>
    [Parameter]
    public SwitchParameter IncludeIncomplete { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var filter = new FmriprepRunFilter { Subjects = Subject, Sessions = Session, Tasks = Task, Runs = Run, Spaces = Space };
        foreach (var folder in ResolvedFiles())
        {
            var progress = new CmdletProgress(this, 7, "Get-FmriprepRun", $"Reading the run headers of {folder}");
            IReadOnlyList<FmriprepRun> runs;
            try
            {
                runs = RunCancellable(ct => FmriprepRunFinder.Find(folder, filter, progress, ct));
            }
            catch (BidsException ex)
            {
                WriteError(ErrorRecords.FromBids(ex, folder));
                continue;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                WriteError(ErrorRecords.Create(ErrorIds.FmriprepFolderNotFound, ErrorCategory.ReadError, folder, $"Cannot read {folder}: {ex.Message}", "Check the folder's permissions.", ex));
                continue;
            }
            finally
            {
                progress.Complete();
            }

            if (runs.Count == 0)
            {
                WriteWarning($"No *_desc-preproc_bold.nii[.gz] under {folder}{(IsFiltered ? " matches the filters" : string.Empty)}.");
            }

            foreach (var run in runs)
            {
                Report(run);
                if (run.IsComplete || IncludeIncomplete)
                {
                    WriteObject(run);
                }
            }
        }
    }

    /// <inheritdoc />
    protected override string NotFoundErrorId => ErrorIds.FmriprepFolderNotFound;

    private bool IsFiltered => Subject is { Length: > 0 } || Session is { Length: > 0 } || Task is { Length: > 0 } || Run is { Length: > 0 } || Space is { Length: > 0 };

    private void Report(FmriprepRun run)
    {
        foreach (var warning in run.Warnings)
        {
            WriteWarning($"{run}: {warning}");
        }

        foreach (var problem in run.Problems)
        {
            var missing = problem.Kind == RunProblemKind.MissingFile;
            WriteError(ErrorRecords.Create(
                missing ? ErrorIds.FmriprepRunIncomplete : ErrorIds.FmriprepRunInvalid,
                missing ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidData,
                run,
                $"{run}: {problem.Message} ({problem.File}).",
                missing
                    ? "Re-run or re-copy fMRIPrep's outputs for this run; -IncludeIncomplete outputs the run anyway, with its Problems."
                    : "Check or replace the file named; -IncludeIncomplete outputs the run anyway, with its Problems."));
        }
    }
}
