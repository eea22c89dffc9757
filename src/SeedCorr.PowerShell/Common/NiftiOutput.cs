using System.Management.Automation;
using SeedCorr.Core.IO;
using SeedCorr.Core.Nifti;

namespace SeedCorr.PowerShell.Common;

/// <summary>
/// The one way SeedCorr cmdlets write an image: <see cref="OutputFile.Prepare"/>, write atomically, and map
/// failures to ErrorRecords. True when the file was written.
/// </summary>
internal static class NiftiOutput
{
    public static bool Write(SeedCorrCmdlet cmdlet, NiftiImage image, string givenPath, bool noClobber, bool force, NiftiDataType dataType, string action, GzipEncoding encoding = GzipEncoding.Deflate) =>
        Write(cmdlet, image.ToString(), givenPath, noClobber, force, dataType, action, encoding, (target, options, ct) => NiftiWriter.Write(image, target, options, ct));

    /// <summary>Writes an image made while it is written (float32), with the same checks, progress and errors.</summary>
    public static bool Write(SeedCorrCmdlet cmdlet, StreamedImage image, string description, string givenPath, bool noClobber, bool force, string action, GzipEncoding encoding = GzipEncoding.Deflate) =>
        Write(cmdlet, description, givenPath, noClobber, force, NiftiDataType.Float32, action, encoding, (target, options, ct) => NiftiWriter.Write(image, target, options, ct));

    private static bool Write(SeedCorrCmdlet cmdlet, string description, string givenPath, bool noClobber, bool force, NiftiDataType dataType, string action, GzipEncoding encoding, Action<string, NiftiWriteOptions, CancellationToken> write)
    {
        string? target = null;
        try
        {
            target = OutputFile.Prepare(cmdlet, givenPath, noClobber, force, action);
            if (target is null)
            {
                return false;
            }

            var progress = new CmdletProgress(cmdlet, 8, cmdlet.MyInvocation.MyCommand.Name, $"Writing {System.IO.Path.GetFileName(target)} ({description})");
            try
            {
                cmdlet.RunCancellableAction(ct => write(target, new NiftiWriteOptions { DataType = dataType, Overwrite = !noClobber, ReplaceReadOnly = force, Progress = progress, GzipEncoding = encoding }, ct));
            }
            finally
            {
                progress.Complete();
            }

            cmdlet.WriteVerbose($"Wrote {target}");
            return true;
        }
        catch (NiftiException ex)
        {
            cmdlet.WriteError(ErrorRecords.FromNifti(ex, target ?? givenPath));
        }
        catch (SeedCorr.Core.IO.FileReadOnlyException ex)
        {
            cmdlet.WriteError(OutputFile.ReadOnly(ex, target ?? givenPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            cmdlet.WriteError(ErrorRecords.Create(ErrorIds.NiftiWriteFailed, ErrorCategory.WriteError, target ?? givenPath, $"{target ?? givenPath}: {ex.Message}", "Check that the folder is writable.", ex));
        }

        return false;
    }
}
