using System.Management.Automation;

namespace SeedCorr.PowerShell.Common;

/// <summary>
/// What every SeedCorr writer does before writing: resolve the path, honour -NoClobber and ShouldProcess
/// (-WhatIf/-Confirm), and with -Force clear a read-only flag. The writing itself is atomic in Core.
/// </summary>
internal static class OutputFile
{
    /// <summary>The resolved target, or null when an error was written or the user declined.</summary>
    public static string? Prepare(SeedCorrCmdlet cmdlet, string givenPath, bool noClobber, bool force, string action)
    {
        var target = PathResolver.ResolveForWrite(cmdlet, givenPath);
        if (target is null)
        {
            return null;
        }

        var exists = File.Exists(target);
        if (exists && noClobber)
        {
            cmdlet.WriteError(ErrorRecords.Create(ErrorIds.FileExists, ErrorCategory.ResourceExists, target,
                $"The file '{target}' already exists and -NoClobber was given.", "Choose another name, or drop -NoClobber to replace it."));
            return null;
        }

        if (!cmdlet.ShouldProcess(target, action))
        {
            return null;
        }

        if (exists && force)
        {
            var info = new FileInfo(target);
            if (info.IsReadOnly)
            {
                info.IsReadOnly = false;
            }
        }

        return target;
    }
}
