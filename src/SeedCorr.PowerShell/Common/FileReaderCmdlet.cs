using System.Management.Automation;

namespace SeedCorr.PowerShell.Common;

/// <summary>
/// Base for cmdlets that read files: -Path (wildcards, position 0, pipeline by value and property name) and, from
/// <see cref="PathInputCmdlet"/>, -LiteralPath.
/// </summary>
public abstract class FileReaderCmdlet : PathInputCmdlet
{
    /// <summary>Files to read; wildcards are expanded.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    /// <inheritdoc />
    private protected override string[] WildcardPath => Path;
}
