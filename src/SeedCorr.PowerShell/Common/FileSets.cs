using System.Management.Automation;

namespace SeedCorr.PowerShell.Common;

/// <summary>The -Path / -LiteralPath parameter sets of cmdlets that also take an image object (the maskers).</summary>
internal static class FileSets
{
    /// <summary>Parameter set of -Path (wildcards).</summary>
    public const string Path = "Path";

    /// <summary>Parameter set of -LiteralPath (alias PSPath).</summary>
    public const string LiteralPath = "LiteralPath";

    /// <summary>The existing files named by the set in use; one error per path that fails.</summary>
    public static IEnumerable<string> Resolve(PSCmdlet cmdlet, string[] paths, string[] literalPaths)
    {
        var literal = cmdlet.ParameterSetName == LiteralPath;
        foreach (var given in literal ? literalPaths : paths)
        {
            foreach (var file in PathResolver.ResolveExisting(cmdlet, given, literal))
            {
                yield return file;
            }
        }
    }
}
