using System.Management.Automation;

namespace SeedCorr.PowerShell.Common;

/// <summary>
/// What every SeedCorr writer does before writing: resolve the path, honour -NoClobber and ShouldProcess
/// (-WhatIf/-Confirm), and say how an existing target is treated (a read-only one is replaced only with -Force, checked
/// by the atomic writer in Core, so a failed write leaves its mode alone).
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

        return target;
    }

    /// <summary>What the atomic writer does with an existing target, from -NoClobber and -Force.</summary>
    public static SeedCorr.Core.IO.ExistingTarget Existing(bool noClobber, bool force) =>
        noClobber ? SeedCorr.Core.IO.ExistingTarget.Refuse : force ? SeedCorr.Core.IO.ExistingTarget.ReplaceReadOnly : SeedCorr.Core.IO.ExistingTarget.Replace;

    /// <summary>The error for a read-only target without -Force.</summary>
    public static ErrorRecord ReadOnly(SeedCorr.Core.IO.FileReadOnlyException ex, string target) =>
        ErrorRecords.Create(ErrorIds.FileReadOnly, ErrorCategory.PermissionDenied, target,
            $"The file '{target}' is read-only; it is replaced only with -Force.", "Add -Force to replace it, or choose another name.", ex);
}
