using SeedCorr.Core.Batch;

namespace SeedCorr.Core.Tests.Batch;

public sealed class ProvenanceAndMemoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("seedcorr-prov-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static KeyValuePair<string, string> P(string k, string v) => new(k, v);

    [Fact]
    public void The_hash_is_sha256_of_the_documented_canonical_text()
    {
        // sha256(b"seedcorr-provenance-v1\nparam\tFwhm\t6\nparam\tStrategy\tSimple\n"), computed with Python's hashlib.
        Assert.Equal("4b58f0195ee24c3eff60af65681ffec27ab68660d6ae90593609880e9c979965",
            ProvenanceHash.Compute([], [P("Strategy", "Simple"), P("Fwhm", "6")]));
    }

    [Fact]
    public void Same_inputs_and_parameters_give_the_same_hash_in_any_order()
    {
        var a = Path.Combine(_dir, "a.nii.gz");
        var b = Path.Combine(_dir, "b.tsv");
        File.WriteAllText(a, "bold");
        File.WriteAllText(b, "confounds");
        var h1 = ProvenanceHash.Compute([a, b], [P("x", "1"), P("y", "2")]);
        var h2 = ProvenanceHash.Compute([b, a, a], [P("y", "2"), P("x", "1")]);
        Assert.Equal(h1, h2);
        Assert.Matches("^[0-9a-f]{64}$", h1);
    }

    [Fact]
    public void A_changed_parameter_or_a_rewritten_input_changes_the_hash()
    {
        var a = Path.Combine(_dir, "a.nii.gz");
        File.WriteAllText(a, "bold");
        File.SetLastWriteTimeUtc(a, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var before = ProvenanceHash.Compute([a], [P("Fwhm", "6")]);
        Assert.NotEqual(before, ProvenanceHash.Compute([a], [P("Fwhm", "8")]));
        File.SetLastWriteTimeUtc(a, new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc));
        Assert.NotEqual(before, ProvenanceHash.Compute([a], [P("Fwhm", "6")]));
        // Separators inside values cannot make two parameter sets look alike.
        Assert.NotEqual(ProvenanceHash.Compute([], [P("a", "1\tb\t2")]), ProvenanceHash.Compute([], [P("a", "1"), P("b", "2")]));
    }

    [Fact]
    public void A_run_needs_its_float32_matrix_plus_an_eighth_and_the_overhead()
    {
        // 91×109×91 voxels × 300 volumes × 4 bytes = 1,083,154,800 bytes.
        Assert.Equal(1_083_154_800L + (1_083_154_800L / 8) + (256L << 20), RunMemory.Estimate(91 * 109 * 91, 300));
        Assert.Throws<OverflowException>(() => RunMemory.Estimate(long.MaxValue / 2, 3));
        Assert.True(RunMemory.DefaultBudget() > 0);
    }
}
