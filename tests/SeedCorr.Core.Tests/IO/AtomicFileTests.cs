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
