using System.Management.Automation;

namespace SeedCorr.PowerShell.Common;

/// <summary>
/// -Path / -LiteralPath resolution through PowerShell's provider API (relative to PowerShell's location, not the process
/// working folder), restricted to the FileSystem provider. Problems are reported as ErrorRecords, one per path.
/// </summary>
internal static class PathResolver
{
    /// <summary>The existing files of several paths, in order (see <see cref="ResolveExisting"/>); one error per path that fails.</summary>
    public static IEnumerable<string> ResolveAll(PSCmdlet cmdlet, IEnumerable<string> paths, bool literal, string notFoundId = ErrorIds.NiftiFileNotFound)
    {
        foreach (var given in paths)
        {
            foreach (var file in ResolveExisting(cmdlet, given, literal, notFoundId))
            {
                yield return file;
            }
        }
    }

    /// <summary>Existing files: -Path expands wildcards; -LiteralPath takes the text as it is.</summary>
    public static IEnumerable<string> ResolveExisting(PSCmdlet cmdlet, string path, bool literal, string notFoundId = ErrorIds.NiftiFileNotFound)
    {
        var paths = new List<string>();
        ProviderInfo provider;
        try
        {
            if (literal)
            {
                paths.Add(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _));
            }
            else
            {
                paths.AddRange(cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider));
            }
        }
        catch (ItemNotFoundException ex)
        {
            cmdlet.WriteError(ErrorRecords.Create(notFoundId, ErrorCategory.ObjectNotFound, path,
                $"Cannot find path '{path}' because it does not exist.", "Check the path and, for names with [ or ], use -LiteralPath.", ex));
            return [];
        }
        catch (Exception ex) when (ex is System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or PSArgumentException)
        {
            cmdlet.WriteError(ErrorRecords.Create(ErrorIds.PathNotFound, ErrorCategory.InvalidArgument, path, ex.Message, "Check the drive and provider of the path.", ex));
            return [];
        }

        if (!IsFileSystem(provider))
        {
            cmdlet.WriteError(NotFileSystem(path, provider));
            return [];
        }

        if (!literal && paths.Count == 0)
        {
            cmdlet.WriteError(ErrorRecords.Create(notFoundId, ErrorCategory.ObjectNotFound, path,
                $"No file matches '{path}'.", "Check the wildcard pattern."));
        }

        return paths;
    }

    /// <summary>A file to be written: resolved without requiring it to exist. Null (after writing an error) when not on the file system.</summary>
    public static string? ResolveForWrite(PSCmdlet cmdlet, string path)
    {
        string resolved;
        ProviderInfo provider;
        try
        {
            resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
        }
        catch (Exception ex) when (ex is System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or PSArgumentException or ItemNotFoundException)
        {
            cmdlet.WriteError(ErrorRecords.Create(ErrorIds.PathNotFound, ErrorCategory.InvalidArgument, path, ex.Message, "Check the drive and provider of the path.", ex));
            return null;
        }

        if (!IsFileSystem(provider))
        {
            cmdlet.WriteError(NotFileSystem(path, provider));
            return null;
        }

        return resolved;
    }

    private static bool IsFileSystem(ProviderInfo provider) =>
        string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase);

    private static ErrorRecord NotFileSystem(string path, ProviderInfo provider) =>
        ErrorRecords.Create(ErrorIds.PathNotFileSystem, ErrorCategory.InvalidArgument, path,
            $"'{path}' is on the {provider.Name} provider; SeedCorr reads and writes files only.", "Give a file-system path.");
}
