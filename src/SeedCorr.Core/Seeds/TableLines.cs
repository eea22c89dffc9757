namespace SeedCorr.Core.Seeds;

/// <summary>The non-blank lines of a small text table (labels or coordinate tables), read errors as <see cref="SeedException"/>.</summary>
internal static class TableLines
{
    public static List<string> Read(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SeedException(SeedErrorKind.InvalidAtlas, $"the {what} {path} cannot be read: {ex.Message}", ex);
        }
    }
}
