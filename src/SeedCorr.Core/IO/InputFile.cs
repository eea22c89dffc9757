using System.Runtime.InteropServices;

namespace SeedCorr.Core.IO;

/// <summary>What kind of file-system object a path names (PowerShell's <c>Test-Path -PathType Leaf</c> is <see cref="Regular"/>).</summary>
public enum InputFileType
{
    /// <summary>Nothing exists at the path.</summary>
    Missing,
    /// <summary>A regular file (a symbolic link is followed).</summary>
    Regular,
    /// <summary>A folder.</summary>
    Directory,
    /// <summary>A named pipe (FIFO): opening it blocks until a writer appears, and it cannot seek.</summary>
    Fifo,
    /// <summary>A character or block device (/dev/zero, a disk): it may never end.</summary>
    Device,
    /// <summary>A Unix socket.</summary>
    Socket,
}

/// <summary>Why an input file was refused by <see cref="InputFile"/>.</summary>
public enum InputFileProblem
{
    /// <summary>Nothing exists at the path.</summary>
    NotFound,
    /// <summary>The path is a folder, pipe, device or socket, not a regular file.</summary>
    NotRegularFile,
    /// <summary>More bytes were read than the reader's limit.</summary>
    TooLarge,
}

/// <summary>An input file was refused before (or while) reading it; the readers turn it into their own exception kinds.</summary>
public sealed class InputFileException : IOException
{
    /// <summary>Creates the exception.</summary>
    public InputFileException(InputFileProblem problem, string path, string message)
        : base($"{System.IO.Path.GetFileName(path)}: {message}")
    {
        Problem = problem;
        FilePath = path;
        Detail = message;
    }

    /// <summary>The reason.</summary>
    public InputFileProblem Problem { get; }

    /// <summary>The file concerned.</summary>
    public string FilePath { get; }

    /// <summary>The message without the file name.</summary>
    public string Detail { get; }
}

/// <summary>
/// The one way SeedCorr opens an input file. The type of the path is checked with stat(2) before it is opened, so a
/// FIFO without a writer is refused instead of blocking forever, and a device, folder or socket is named as such instead
/// of "not found" or an endless read; the stream it returns can also bound the bytes read, since a device or pipe has no
/// length to check beforehand.
/// </summary>
public static partial class InputFile
{
    // The runtime's own stat wrapper (System.Native ships with every .NET on Unix): its FileStatus starts with
    // Flags and Mode (int32 each), whose S_IFMT bits are the file type. The buffer is larger than the whole struct.
    private const int TypeMask = 0xF000;
    private const int TypeFifo = 0x1000;
    private const int TypeCharDevice = 0x2000;
    private const int TypeDirectory = 0x4000;
    private const int TypeBlockDevice = 0x6000;
    private const int TypeRegular = 0x8000;
    private const int TypeSocket = 0xC000;

    [StructLayout(LayoutKind.Sequential, Size = 512)]
    private struct FileStatusPrefix
    {
        public int Flags;
        public int Mode;
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeStat(string path, out FileStatusPrefix status);

    /// <summary>The type of the object at <paramref name="path"/> (symbolic links followed), found without opening it.</summary>
    public static InputFileType TypeOf(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                if (NativeStat(path, out var st) != 0)
                {
                    return InputFileType.Missing;
                }

                return (st.Mode & TypeMask) switch
                {
                    TypeRegular => InputFileType.Regular,
                    TypeDirectory => InputFileType.Directory,
                    TypeFifo => InputFileType.Fifo,
                    TypeCharDevice or TypeBlockDevice => InputFileType.Device,
                    TypeSocket => InputFileType.Socket,
                    _ => InputFileType.Device,
                };
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                // A runtime without System.Native: fall back to what FileSystemInfo can tell (folders only).
            }
        }

        if (Directory.Exists(path))
        {
            return InputFileType.Directory;
        }

        return File.Exists(path) ? InputFileType.Regular : InputFileType.Missing;
    }

    /// <summary>Throws <see cref="InputFileException"/> unless <paramref name="path"/> is an existing regular file.</summary>
    public static void EnsureRegular(string path)
    {
        var type = TypeOf(path);
        if (type == InputFileType.Regular)
        {
            return;
        }

        throw type == InputFileType.Missing
            ? new InputFileException(InputFileProblem.NotFound, path, "file not found")
            : new InputFileException(InputFileProblem.NotRegularFile, path, $"{Describe(type)}, not a regular file: give the path of a file");
    }

    /// <summary>
    /// Opens a regular file for reading (see <see cref="EnsureRegular"/>). With <paramref name="maxBytes"/> the stream
    /// fails with <see cref="InputFileProblem.TooLarge"/> as soon as more bytes are read, whatever the file claims.
    /// </summary>
    public static Stream OpenRead(string path, long? maxBytes = null, int bufferSize = 1 << 16)
    {
        EnsureRegular(path);
        FileStream fs;
        try
        {
            fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // Removed between the check and the open.
            throw new InputFileException(InputFileProblem.NotFound, path, "file not found");
        }

        if (!fs.CanSeek)
        {
            // Swapped for a pipe or device between the check and the open.
            fs.Dispose();
            throw new InputFileException(InputFileProblem.NotRegularFile, path, "the file cannot seek (a pipe or device?), not a regular file: give the path of a file");
        }

        return maxBytes is { } max ? new BoundedReadStream(fs, path, max) : fs;
    }

    private static string Describe(InputFileType type) => type switch
    {
        InputFileType.Directory => "the path is a folder",
        InputFileType.Fifo => "the path is a named pipe (FIFO)",
        InputFileType.Socket => "the path is a socket",
        _ => "the path is a device",
    };

    /// <summary>A read-only stream that refuses to deliver more than a fixed number of bytes.</summary>
    private sealed class BoundedReadStream(FileStream inner, string path, long max) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _read += n;
            if (_read > max)
            {
                throw new InputFileException(InputFileProblem.TooLarge, path,
                    $"more than {max / (1 << 20)} MiB were read and the file does not end: is it the right file?");
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
