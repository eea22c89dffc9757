using System.Management.Automation;
using SeedCorr.Core.Nifti;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Reads NIfTI-1/NIfTI-2 images (.nii, .nii.gz, .hdr/.img) into NiftiImage objects.</para>
/// </summary>
[Cmdlet(VerbsData.Import, "Nifti", DefaultParameterSetName = "Path")]
[OutputType(typeof(NiftiImage))]
[OutputType(typeof(NiftiHeader))]
public sealed class ImportNiftiCommand : FileReaderCmdlet
{
    /// <summary>Reads only the header (and extensions) and outputs a NiftiHeader; fast on any file size.</summary>
    [Parameter]
    public SwitchParameter HeaderOnly { get; set; }

    /// <inheritdoc />
    protected override string NotFoundErrorId => ErrorIds.NiftiFileNotFound;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var file in ResolvedFiles())
        {
            ReadOne(file);
        }
    }

    private void WarnAboutGeometry(string file, NiftiHeader header)
    {
        if (header.QformSformDisagreement is > 0.01 and var d)
        {
            WriteWarning($"{System.IO.Path.GetFileName(file)}: the qform and the sform disagree by up to {d.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} mm; SeedCorr (like nibabel and nilearn) uses the sform, other tools may use the qform.");
        }

        if (!header.BestAffine.IsFinite || header.BestAffine.Determinant3 == 0)
        {
            WriteWarning($"{System.IO.Path.GetFileName(file)}: the affine ({header.BestAffineSource}) is {(header.BestAffine.IsFinite ? "singular" : "not finite")}: world coordinates and smoothing will fail on this image.");
        }
    }

    private void ReadOne(string file)
    {
        WriteVerbose($"Reading {file}");
        var progress = new CmdletProgress(this, 1, "Import-Nifti", $"Reading {System.IO.Path.GetFileName(file)}");
        try
        {
            if (HeaderOnly)
            {
                var header = NiftiReader.ReadHeader(file);
                WarnAboutGeometry(file, header);
                // The header does not know its file; the Path note property names it in views and binds it by
                // property name (Import-Nifti -HeaderOnly ... | Where-Object ... | Import-Nifti).
                var output = PSObject.AsPSObject(header);
                output.Properties.Add(new PSNoteProperty("Path", file));
                WriteObject(output);
                return;
            }

            var image = RunCancellable(ct => NiftiReader.Read(file, progress: progress, cancellationToken: ct));
            WarnAboutGeometry(file, image.Header);
            WriteObject(image);
        }
        catch (NiftiException ex)
        {
            WriteError(ErrorRecords.FromNifti(ex, file));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(ErrorRecords.Create(ErrorIds.NiftiReadFailed, ErrorCategory.ReadError, file, $"{file}: {ex.Message}", "Check the file's permissions.", ex));
        }
        finally
        {
            progress.Complete();
        }
    }
}
