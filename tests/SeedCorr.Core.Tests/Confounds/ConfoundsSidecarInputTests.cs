using SeedCorr.Core.Confounds;

namespace SeedCorr.Core.Tests.Confounds;

/// <summary>The JSON sidecar goes through the shared input opener, as the table does.</summary>
public sealed class ConfoundsSidecarInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("seedcorr-sidecar-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_folder_where_the_sidecar_should_be_is_named_as_not_a_file()
    {
        var path = Path.Combine(_dir, "sub-01_desc-confounds_timeseries.json");
        Directory.CreateDirectory(path);
        var ex = Assert.Throws<ConfoundsException>(() => ConfoundsSidecar.Read(path));
        Assert.Equal(ConfoundsErrorKind.NotRegularFile, ex.Kind);
        Assert.Contains("not a regular file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_sidecar_and_one_that_is_not_json_keep_their_kinds()
    {
        var path = Path.Combine(_dir, "x.json");
        Assert.Equal(ConfoundsErrorKind.SidecarMissing, Assert.Throws<ConfoundsException>(() => ConfoundsSidecar.Read(path)).Kind);
        File.WriteAllText(path, "{ not json");
        Assert.Equal(ConfoundsErrorKind.SidecarInvalid, Assert.Throws<ConfoundsException>(() => ConfoundsSidecar.Read(path)).Kind);
    }
}
