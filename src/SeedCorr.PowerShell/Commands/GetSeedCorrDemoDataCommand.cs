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
/// <para type="synopsis">Returns the built-in synthetic demo subject (BOLD image and confounds), generating it into a cache folder the first time.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SeedCorrDemoData")]
[OutputType(typeof(DemoSubject))]
public sealed class GetSeedCorrDemoDataCommand : SeedCorrCmdlet
{
    /// <summary>Development (default) or Mni2mm.</summary>
    [Parameter(Position = 0)]
    public DemoSubjectPreset Preset { get; set; } = DemoSubjectPreset.Development;

    /// <summary>Number of volumes (default 168 for Development, 300 for Mni2mm).</summary>
    [Parameter]
    [ValidateRange(40, 5000)]
    public int? Volumes { get; set; }

    /// <summary>Where the subject is cached (default $env:SEEDCORR_CACHE, else the user's local application data).</summary>
    [Parameter]
    public string? CacheDirectory { get; set; }

    /// <summary>Generate the files again even if they are cached.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var size = Preset == DemoSubjectPreset.Development
            ? DemoSubjectSize.Development with { Volumes = Volumes ?? 168 }
            : DemoSubjectSize.Mni2mm(Volumes ?? 300);
        var cache = CacheDirectory is null ? null : PathResolver.ResolveForWrite(this, CacheDirectory);
        if (CacheDirectory is not null && cache is null)
        {
            return;
        }

        var progress = new CmdletProgress(this, 3, "Get-SeedCorrDemoData", $"Generating the {size.Name} demo subject (once)");
        try
        {
            var subject = RunCancellable(ct => DemoSubjectGenerator.Get(size, cache, Force, progress, ct));
            WriteObject(subject);
        }
        // The image writer wraps its I/O failures in NiftiException(WriteFailed); here the file name is ours, so the only
        // advice that helps is about the cache folder, not the NIfTI extension.
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NiftiException { Kind: NiftiErrorKind.WriteFailed })
        {
            WriteError(ErrorRecords.Create(ErrorIds.DemoDataWriteFailed, ErrorCategory.WriteError, cache ?? DemoSubjectGenerator.DefaultCacheDirectory,
                $"Cannot write the demo subject: {ex.Message}",
                "Give a writable folder with free space to -CacheDirectory, or set $env:SEEDCORR_CACHE to one (the default is the user's local application data).", ex));
        }
        finally
        {
            progress.Complete();
        }
    }
}
