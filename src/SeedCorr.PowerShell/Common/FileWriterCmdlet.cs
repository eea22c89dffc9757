using System.Management.Automation;

namespace SeedCorr.PowerShell.Common;

/// <summary>
/// Base for cmdlets that write one file per input: -Path / -LiteralPath (alias PSPath), with -NoClobber, -Force and
/// -PassThru from <see cref="OutputSwitchesCmdlet"/>; the writing itself (ShouldProcess, atomic rename, errors) is <see cref="NiftiOutput"/>.
/// </summary>
public abstract class FileWriterCmdlet : OutputSwitchesCmdlet
{
    /// <summary>Parameter set of -Path.</summary>
    protected const string PathSet = "Path";

    /// <summary>Parameter set of -LiteralPath.</summary>
    protected const string LiteralPathSet = "LiteralPath";

    /// <summary>The file to write: .nii or .nii.gz (gzip) by its extension.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>The file to write, taken exactly as written.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string LiteralPath { get; set; } = string.Empty;

    /// <summary>The path the user gave, from whichever parameter set is in use.</summary>
    protected string GivenPath => ParameterSetName == LiteralPathSet ? LiteralPath : Path;
}
