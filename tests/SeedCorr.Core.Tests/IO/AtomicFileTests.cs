using SeedCorr.Core.IO;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_failure_mid_write_leaves_the_existing_file_whole_and_no_temporary_file()
    {
        var path = _dir.Path("out.bin");
        File.WriteAllBytes(path, [1, 2, 3]);
        var ex = Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[100_000]);
            throw new IOException("disk full (simulated)");
        }, overwrite: true));
        Assert.Equal("disk full (simulated)", ex.Message);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_dir.FullName));
    }

    [Fact]
    public void Writes_the_complete_content()
    {
        var path = _dir.Path("new.bin");
        AtomicFile.Write(path, s => s.Write(new byte[] { 9, 8, 7 }), overwrite: false);
        Assert.Equal(new byte[] { 9, 8, 7 }, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_missing_folder_is_a_clear_error()
    {
        var ex = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.Write(_dir.Path("no/such/x.bin"), _ => { }, overwrite: false));
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }
}

public sealed class AtomicFileTargetTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string[] Leftovers() => Directory.GetFiles(_dir.FullName, "*.tmp", new EnumerationOptions { AttributesToSkip = 0 });

    [Fact]
    public void A_read_only_target_is_kept_unless_forced()
    {
        var path = _dir.Path("map.nii");
        File.WriteAllBytes(path, [1, 2, 3]);
        new FileInfo(path).IsReadOnly = true;
        Assert.True(new FileInfo(path).IsReadOnly);
        var ex = Assert.Throws<FileReadOnlyException>(() => AtomicFile.Write(path, s => s.Write(new byte[] { 9 }), overwrite: true));
        Assert.Contains("read-only", ex.Message, StringComparison.Ordinal);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Empty(Leftovers());

        AtomicFile.Write(path, s => s.Write(new byte[] { 9 }), ExistingTarget.ReplaceReadOnly);
        Assert.Equal(new byte[] { 9 }, File.ReadAllBytes(path));
    }

    [Fact]
    public void Stale_temporary_files_of_the_same_target_are_swept_but_one_in_use_is_not()
    {
        var path = _dir.Path("out.nii.gz");
        var stale = _dir.Path($".out.nii.gz.{Guid.NewGuid():N}.tmp");
        var busy = _dir.Path($".out.nii.gz.{Guid.NewGuid():N}.tmp");
        var other = _dir.Path($".other.nii.gz.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(stale, new byte[1000]);
        File.WriteAllBytes(other, new byte[10]);
        using (var held = new FileStream(busy, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            AtomicFile.Write(path, s => s.Write(new byte[] { 7 }), overwrite: false);
            Assert.False(File.Exists(stale));
            Assert.True(File.Exists(busy));
        }

        Assert.True(File.Exists(other));
        Assert.Equal(new byte[] { 7 }, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_name_near_255_bytes_still_gets_a_temporary_file_within_the_limit()
    {
        var name = new string('a', 237) + "é.nii.gz"; // 247 bytes in UTF-8: the old temp name would have had 285
        var path = _dir.Path(name);
        AtomicFile.Write(path, s => s.Write(new byte[] { 5 }), overwrite: false);
        Assert.Equal(new byte[] { 5 }, File.ReadAllBytes(path));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(AtomicFile.TempPrefix(name)) + 36 <= 255);
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void A_cancelled_write_leaves_no_temporary_file_and_no_target()
    {
        var path = _dir.Path("c.bin");
        using var cts = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[100_000]);
            cts.Cancel();
        }, overwrite: false, cts.Token));
        Assert.False(File.Exists(path));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void A_termination_signal_during_a_write_deletes_the_temporary_file_and_abandons_the_rename()
    {
        var path = _dir.Path("sig.bin");
        File.WriteAllBytes(path, [1]);
        Assert.ThrowsAny<OperationCanceledException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[100_000]);
            AtomicFile.AbandonAll(Path.GetDirectoryName(path)); // what the SIGINT/SIGTERM handler runs (for every write; here only this test's)
            Assert.Empty(Leftovers());
        }, overwrite: true));
        Assert.Equal(new byte[] { 1 }, File.ReadAllBytes(path));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void A_folder_at_the_target_is_a_clear_error()
    {
        Directory.CreateDirectory(_dir.Path("dir.nii"));
        var ex = Assert.Throws<IOException>(() => AtomicFile.Write(_dir.Path("dir.nii"), _ => { }, overwrite: true));
        Assert.Contains("is a folder", ex.Message, StringComparison.Ordinal);
    }
}
