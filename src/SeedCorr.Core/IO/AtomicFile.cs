namespace SeedCorr.Core.IO;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new content, never a partial file:
/// the bytes go to a temporary file in the same folder (same file system, so the rename is atomic), are flushed to
/// disk, then the temporary file is renamed over the target. On any failure or cancellation the temporary file is
/// deleted and the target is untouched.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="write">Writes the content to the stream it is given.</param>
    /// <param name="overwrite">When false and the target exists (also if it appears while writing), fails with <see cref="IOException"/>.</param>
    /// <param name="cancellationToken">Checked before the rename.</param>
    public static void Write(string path, Action<Stream> write, bool overwrite, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? throw new IOException($"{path}: no parent folder");
        if (!Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException($"the folder {dir} does not exist");
        }

        if (!overwrite && File.Exists(full))
        {
            throw new IOException($"{full} exists and overwriting was not allowed");
        }

        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            // With overwrite: false the rename itself refuses an existing target, closing the check-then-write race.
            File.Move(temp, full, overwrite);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (IOException)
        {
            // Best effort: the original error matters more than a leftover temp file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
