using System.Management.Automation;
using SeedCorr.Core.Datasets;
using SeedCorr.Core.Nifti;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>The size of the demo subject.</summary>
public enum DemoSubjectPreset
{
    /// <summary>nilearn's development subject: 50×59×50 at 4 mm, 168 volumes.</summary>
    Development,
    /// <summary>MNI 2 mm: 91×109×91 (300 volumes unless -Volumes says otherwise; 1200 is HCP size).</summary>
    Mni2mm,
}

/// <summary>
/// <para type="synopsis">Returns the built-in synthetic demo subject (BOLD image and confounds), or with -Study a synthetic fMRIPrep derivatives folder of several subjects, generating it into a cache folder the first time.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SeedCorrDemoData", DefaultParameterSetName = SubjectSet)]
[OutputType(typeof(DemoSubject), ParameterSetName = [SubjectSet])]
[OutputType(typeof(DemoStudy), ParameterSetName = [StudySet])]
public sealed class GetSeedCorrDemoDataCommand : SeedCorrCmdlet
{
    private const string SubjectSet = "Subject";
    private const string StudySet = "Study";

    /// <summary>Development (default) or Mni2mm.</summary>
    [Parameter(Position = 0, ParameterSetName = SubjectSet)]
    public DemoSubjectPreset Preset { get; set; } = DemoSubjectPreset.Development;

    /// <summary>Return a synthetic fMRIPrep study (development-size runs) instead of the single subject.</summary>
    [Parameter(Mandatory = true, ParameterSetName = StudySet)]
    public SwitchParameter Study { get; set; }

    /// <summary>Number of subjects of the study (default 4).</summary>
    [Parameter(ParameterSetName = StudySet)]
    [ValidateRange(1, DemoStudyGenerator.MaxSubjects)]
    public int Subjects { get; set; } = 4;

    /// <summary>Runs per subject (default 1; with more, the names carry run-1, run-2, …).</summary>
    [Parameter(ParameterSetName = StudySet)]
    [ValidateRange(1, DemoStudyGenerator.MaxRunsPerSubject)]
    public int RunsPerSubject { get; set; } = 1;

    /// <summary>Number of volumes (default 168 for Development and -Study, 300 for Mni2mm).</summary>
    [Parameter]
    [ValidateRange(40, 5000)]
    public int? Volumes { get; set; }

    /// <summary>Where the data are cached (default $env:SEEDCORR_CACHE, else the user's local application data).</summary>
    [Parameter]
    public string? CacheDirectory { get; set; }

    /// <summary>Generate the files again even if they are cached.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var cache = CacheDirectory is null ? null : PathResolver.ResolveForWrite(this, CacheDirectory);
        if (CacheDirectory is not null && cache is null)
        {
            return;
        }

        if (Study)
        {
            var size = DemoSubjectSize.Development with { Volumes = Volumes ?? 168 };
            var progress = new PerSubjectProgress(this, Subjects);
            Generate("demo study", cache, progress.Complete, ct => DemoStudyGenerator.Get(size, Subjects, RunsPerSubject, cache, Force, progress, ct));
        }
        else
        {
            var size = Preset == DemoSubjectPreset.Development
                ? DemoSubjectSize.Development with { Volumes = Volumes ?? 168 }
                : DemoSubjectSize.Mni2mm(Volumes ?? 300);
            var progress = new CmdletProgress(this, 3, "Get-SeedCorrDemoData", $"Generating the {size.Name} demo subject (once)");
            Generate("demo subject", cache, progress.Complete, ct => DemoSubjectGenerator.Get(size, cache, Force, progress, ct));
        }
    }

    private void Generate(string what, string? cache, Action completeProgress, Func<CancellationToken, object> work)
    {
        try
        {
            WriteObject(RunCancellable(work));
        }
        // The image writer wraps its I/O failures in NiftiException(WriteFailed); here the file name is ours, so the only
        // advice that helps is about the cache folder, not the NIfTI extension.
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NiftiException { Kind: NiftiErrorKind.WriteFailed })
        {
            WriteError(ErrorRecords.Create(ErrorIds.DemoDataWriteFailed, ErrorCategory.WriteError, cache ?? DemoSubjectGenerator.DefaultCacheDirectory,
                $"Cannot write the {what}: {ex.Message}",
                "Give a writable folder with free space to -CacheDirectory, or set $env:SEEDCORR_CACHE to one (the default is the user's local application data).", ex));
        }
        finally
        {
            completeProgress();
        }
    }

    /// <summary>One progress bar whose status names the subject being generated (Core reports the study's fraction).</summary>
    private sealed class PerSubjectProgress(Cmdlet cmdlet, int subjects) : IProgress<double>
    {
        private int _current = -1;
        private CmdletProgress? _bar;

        public void Report(double value)
        {
            var s = Math.Clamp((int)(value * subjects), 0, subjects - 1);
            if (s != _current)
            {
                // Same activity id: the new status replaces the old one on the same bar.
                _current = s;
                _bar = new CmdletProgress(cmdlet, 3, "Get-SeedCorrDemoData -Study", $"Generating subject {s + 1} of {subjects} of the demo study (once)");
            }

            _bar!.Report(value);
        }

        public void Complete() => _bar?.Complete();
    }
}
