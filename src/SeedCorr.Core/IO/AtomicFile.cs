using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace SeedCorr.Core.IO;

/// <summary>What <see cref="AtomicFile.Write(string, Action{Stream}, ExistingTarget, CancellationToken)"/> does when the target exists.</summary>
public enum ExistingTarget
{
    /// <summary>Fail with <see cref="IOException"/> (also if the target appears while writing).</summary>
    Refuse,
    /// <summary>Replace it, unless it is read-only (<see cref="FileReadOnlyException"/>), as PowerShell's Set-Content does.</summary>
    Replace,
    /// <summary>Replace it even when it is read-only (PowerShell's -Force).</summary>
    ReplaceReadOnly,
}

/// <summary>The target of a write is read-only and replacing read-only files was not allowed (-Force).</summary>
public sealed class FileReadOnlyException : IOException
{
    /// <summary>Creates the exception.</summary>
    public FileReadOnlyException(string path)
        : base($"{path} is read-only: it is replaced only when forced (-Force)")
    {
        FilePath = path;
    }

    /// <summary>The read-only file.</summary>
    public string FilePath { get; }
}

/// <summary>
/// Writes a file so that readers see either the old content or the complete new content, never a partial file:
/// the bytes go to a temporary file in the same folder (same file system, so the rename is atomic), are flushed to
/// disk, then the temporary file is renamed over the target. On any failure or cancellation, and when the process
/// gets SIGINT or SIGTERM, the temporary file is deleted and the target is untouched; temporary files that a killed
/// process (SIGKILL, power loss) left beside the same target are swept by the next write.
/// </summary>
public static class AtomicFile
{
    // File names are limited to 255 bytes (ext4, XFS, APFS, NTFS in UTF-16 units): the temporary name
    // ".<name>.<32 hex>.tmp" keeps at most this many bytes of the target's name.
    private const int MaxNameBytes = 255;
    private const int TempOverheadBytes = 1 + 1 + 32 + 4;

    private static readonly ConcurrentDictionary<string, Pending> InProgress = new(StringComparer.Ordinal);
    private static readonly Lazy<PosixSignalRegistration[]> SignalHandlers = new(RegisterSignalHandlers);

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="write">Writes the content to the stream it is given.</param>
    /// <param name="overwrite">When false and the target exists (also if it appears while writing), fails with <see cref="IOException"/>; when true a read-only target is still refused.</param>
    /// <param name="cancellationToken">Checked before the rename.</param>
    public static void Write(string path, Action<Stream> write, bool overwrite, CancellationToken cancellationToken = default) =>
        Write(path, write, overwrite ? ExistingTarget.Replace : ExistingTarget.Refuse, cancellationToken);

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; <paramref name="existing"/> says what happens to an existing target.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="write">Writes the content to the stream it is given.</param>
    /// <param name="existing">Refuse, replace, or replace even a read-only target.</param>
    /// <param name="cancellationToken">Checked before the rename.</param>
    public static void Write(string path, Action<Stream> write, ExistingTarget existing, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? throw new IOException($"{path}: no parent folder");
        if (!Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException($"the folder {dir} does not exist");
        }

        if (Directory.Exists(full))
        {
            throw new IOException($"{full} is a folder");
        }

        var exists = File.Exists(full);
        if (exists && existing == ExistingTarget.Refuse)
        {
            throw new IOException($"{full} exists and overwriting was not allowed");
        }

        if (exists && existing == ExistingTarget.Replace && new FileInfo(full).IsReadOnly)
        {
            // rename(2) ignores the target's mode, so the check is ours to make.
            throw new FileReadOnlyException(full);
        }

        var prefix = TempPrefix(Path.GetFileName(full));
        SweepStaleTemps(dir, prefix);
        _ = SignalHandlers.Value;
        var temp = Path.Combine(dir, $"{prefix}{Guid.NewGuid():N}.tmp");
        var pending = new Pending(temp);
        InProgress[temp] = pending;
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (pending.Abandoned)
            {
                throw new OperationCanceledException("the write was abandoned: the process received a termination signal");
            }

            // With Refuse the rename itself refuses an existing target, closing the check-then-write race.
            File.Move(temp, full, existing != ExistingTarget.Refuse);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        finally
        {
            InProgress.TryRemove(temp, out _);
        }
    }

    /// <summary>The start of every temporary name for a target: the dot, as much of the name as fits, a dot.</summary>
    internal static string TempPrefix(string fileName)
    {
        var budget = MaxNameBytes - TempOverheadBytes;
        var kept = fileName;
        if (Encoding.UTF8.GetByteCount(kept) > budget)
        {
            var end = 0;
            var bytes = 0;
            foreach (var rune in fileName.EnumerateRunes())
            {
                if (bytes + rune.Utf8SequenceLength > budget)
                {
                    break;
                }

                bytes += rune.Utf8SequenceLength;
                end += rune.Utf16SequenceLength;
            }

            kept = fileName[..end];
        }

        return $".{kept}.";
    }

    /// <summary>
    /// Deletes temporary files of the same target that no process holds open (a writer keeps its temporary file
    /// locked until the rename): the leftovers of a process that was killed mid-write.
    /// </summary>
    private static void SweepStaleTemps(string dir, string prefix)
    {
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(dir, "*.tmp")
                .Where(f => IsTempName(Path.GetFileName(f), prefix))
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var candidate in candidates)
        {
            if (InProgress.ContainsKey(candidate))
            {
                continue;
            }

            try
            {
                using (new FileStream(candidate, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }

                File.Delete(candidate);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // In use by another writer, or not ours to delete: leave it.
            }
        }
    }

    private static bool IsTempName(string name, string prefix) =>
        name.Length == prefix.Length + 32 + 4
        && name.StartsWith(prefix, StringComparison.Ordinal)
        && name.EndsWith(".tmp", StringComparison.Ordinal)
        && name.AsSpan(prefix.Length, 32).ToString().All(Uri.IsHexDigit);

    private static PosixSignalRegistration[] RegisterSignalHandlers()
    {
        var registrations = new List<PosixSignalRegistration>();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT, PosixSignal.SIGHUP })
        {
            try
            {
                registrations.Add(PosixSignalRegistration.Create(signal, _ => AbandonAll(null)));
            }
            catch (Exception ex) when (ex is PlatformNotSupportedException or IOException)
            {
                // Not on this platform (or the signal is not available): only cancellation and the sweep clean up.
            }
        }

        return [.. registrations];
    }

    /// <summary>
    /// On a termination signal: every write in progress is abandoned and its temporary file deleted now, before the
    /// process may end (a pwsh host that survives Ctrl+C stops the pipeline; the writer then fails instead of renaming).
    /// </summary>
    /// <param name="onlyUnder">Tests abandon only the writes in their own folder: other tests write at the same time in this process.</param>
    internal static void AbandonAll(string? onlyUnder = null)
    {
        foreach (var pending in InProgress.Values)
        {
            if (onlyUnder is not null && !pending.Temp.StartsWith(onlyUnder, StringComparison.Ordinal))
            {
                continue;
            }

            pending.Abandoned = true;
            TryDelete(pending.Temp);
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
            // Best effort: the original error matters more than a leftover temp file (the next write sweeps it).
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed class Pending(string temp)
    {
        public string Temp { get; } = temp;

        public volatile bool Abandoned;
    }
}
