using System.Management.Automation;

namespace SeedCorr.PowerShell.Common;

/// <summary>
/// The one base of the cmdlets that take input files: -LiteralPath (alias PSPath, so Get-ChildItem output binds) and
/// the resolution of both path parameters through the provider API, one error per path that fails. How -Path binds is
/// the one thing that differs, so the two kinds declare it: <see cref="FileReaderCmdlet"/> (positional, from the
/// pipeline) and <see cref="MaskerCmdlet"/> (named: the pipeline and position 0 carry the image and the seeds).
/// </summary>
public abstract class PathInputCmdlet : SeedCorrCmdlet
{
    /// <summary>Parameter set of -Path.</summary>
    protected const string PathSet = "Path";

    /// <summary>Parameter set of -LiteralPath.</summary>
    protected const string LiteralPathSet = "LiteralPath";

    /// <summary>Files to read, taken exactly as written (no wildcards). Bound from the PSPath of Get-ChildItem output.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>The value of -Path (wildcards), as the derived cmdlet declares it.</summary>
    private protected abstract string[] WildcardPath { get; }

    /// <summary>The error id for a path that does not exist.</summary>
    protected virtual string NotFoundErrorId => ErrorIds.NiftiFileNotFound;

    /// <summary>The existing files named by -Path or -LiteralPath in this pipeline record.</summary>
    protected IEnumerable<string> ResolvedFiles()
    {
        var literal = ParameterSetName == LiteralPathSet;
        return PathResolver.ResolveAll(this, literal ? LiteralPath : WildcardPath, literal, NotFoundErrorId);
    }
}
