using System.Management.Automation;
using SeedCorr.Core.Nifti;

namespace SeedCorr.PowerShell.Common;

/// <summary>
/// The one way SeedCorr cmdlets write an image: resolve the path, honour -NoClobber, -Force (read-only files) and
/// ShouldProcess (-WhatIf/-Confirm), write atomically, and map failures to ErrorRecords. True when the file was written.
/// </summary>
internal static class NiftiOutput
{
    public static bool Write(SeedCorrCmdlet cmdlet, NiftiImage image, string givenPath, bool noClobber, bool force, NiftiDataType dataType, string action)
    {
        var target = PathResolver.ResolveForWrite(cmdlet, givenPath);
        if (target is null)
        {
            return false;
        }

        var exists = File.Exists(target);
        if (exists && noClobber)
        {
            cmdlet.WriteError(ErrorRecords.Create(ErrorIds.FileExists, ErrorCategory.ResourceExists, target,
                $"The file '{target}' already exists and -NoClobber was given.", "Choose another name, or drop -NoClobber to replace it."));
            return false;
        }

        if (!cmdlet.ShouldProcess(target, action))
        {
            return false;
        }

        try
        {
            if (exists && force)
            {
                var info = new FileInfo(target);
                if (info.IsReadOnly)
                {
                    info.IsReadOnly = false;
                }
            }

            cmdlet.RunCancellableAction(ct => NiftiWriter.Write(image, target, new NiftiWriteOptions { DataType = dataType, Overwrite = !noClobber }, ct));
            cmdlet.WriteVerbose($"Wrote {target}");
            return true;
        }
        catch (NiftiException ex)
        {
            cmdlet.WriteError(ErrorRecords.FromNifti(ex, target));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            cmdlet.WriteError(ErrorRecords.Create(ErrorIds.NiftiWriteFailed, ErrorCategory.WriteError, target, $"{target}: {ex.Message}", "Check that the folder is writable.", ex));
        }

        return false;
    }
}
