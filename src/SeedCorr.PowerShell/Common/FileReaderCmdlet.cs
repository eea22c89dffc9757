using System.Management.Automation;

namespace SeedCorr.PowerShell.Common;

/// <summary>
/// Base for cmdlets that read files: -Path (wildcards, pipeline by value and property name) and -LiteralPath (alias
/// PSPath, so Get-ChildItem output binds), resolved through the provider API, one error per path that fails.
/// </summary>
public abstract class FileReaderCmdlet : SeedCorrCmdlet
{
    /// <summary>Parameter set of -Path.</summary>
    protected const string PathSet = "Path";

    /// <summary>Parameter set of -LiteralPath.</summary>
    protected const string LiteralPathSet = "LiteralPath";

    /// <summary>Files to read; wildcards are expanded.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    /// <summary>Files to read, taken exactly as written (no wildcards). Bound from the PSPath of Get-ChildItem output.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>The error id for a path that does not exist.</summary>
    protected abstract string NotFoundErrorId { get; }

    /// <summary>The files named by -Path or -LiteralPath in this pipeline record.</summary>
    protected IEnumerable<string> ResolvedFiles()
    {
        var literal = ParameterSetName == LiteralPathSet;
        return PathResolver.ResolveAll(this, literal ? LiteralPath : Path, literal, NotFoundErrorId);
    }
}
