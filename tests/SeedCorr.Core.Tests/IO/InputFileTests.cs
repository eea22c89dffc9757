using System.Diagnostics;
using SeedCorr.Core.IO;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.IO;

public sealed class InputFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Makes a named pipe with no writer (opening it for reading would block forever).</summary>
    internal static string MakeFifo(string path)
    {
        using var p = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return path;
    }

    [Fact]
    public void Stat_tells_regular_files_folders_fifos_devices_and_missing_paths_apart()
    {
        var file = _dir.Path("f.txt");
        File.WriteAllText(file, "x");
        Assert.Equal(InputFileType.Regular, InputFile.TypeOf(file));
        Assert.Equal(InputFileType.Directory, InputFile.TypeOf(_dir.FullName));
        Assert.Equal(InputFileType.Fifo, InputFile.TypeOf(MakeFifo(_dir.Path("pipe"))));
        Assert.Equal(InputFileType.Device, InputFile.TypeOf("/dev/zero"));
        Assert.Equal(InputFileType.Missing, InputFile.TypeOf(_dir.Path("nope")));
    }

    [Fact]
    public void A_symbolic_link_to_a_device_is_the_device()
    {
        var link = _dir.Path("zero.tsv");
        File.CreateSymbolicLink(link, "/dev/zero");
        var ex = Assert.Throws<InputFileException>(() => InputFile.OpenRead(link));
        Assert.Equal(InputFileProblem.NotRegularFile, ex.Problem);
        Assert.Contains("device", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_without_writer_is_refused_without_blocking()
    {
        var fifo = MakeFifo(_dir.Path("bold.nii"));
        // Without the type check the open blocks for ever: the wait makes that a failure, not a stopped run (no speed check).
        var ex = await Assert.ThrowsAsync<InputFileException>(() => Task.Run(() => InputFile.OpenRead(fifo)).WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(InputFileProblem.NotRegularFile, ex.Problem);
        Assert.Contains("named pipe", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("bold.nii: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_is_named_as_a_folder_not_as_missing()
    {
        var ex = Assert.Throws<InputFileException>(() => InputFile.EnsureRegular(_dir.FullName));
        Assert.Equal(InputFileProblem.NotRegularFile, ex.Problem);
        Assert.Contains("folder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bytes_read_are_bounded_whatever_the_file_claims()
    {
        var file = _dir.Path("big.bin");
        File.WriteAllBytes(file, new byte[5000]);
        using var s = InputFile.OpenRead(file, maxBytes: 4096);
        var ex = Assert.Throws<InputFileException>(() => s.CopyTo(Stream.Null));
        Assert.Equal(InputFileProblem.TooLarge, ex.Problem);
        using var ok = InputFile.OpenRead(file, maxBytes: 5000);
        ok.CopyTo(Stream.Null);
    }
}
