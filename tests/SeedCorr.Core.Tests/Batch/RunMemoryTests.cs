using SeedCorr.Core.Batch;

namespace SeedCorr.Core.Tests.Batch;

public sealed class RunMemoryTests
{
    [Fact]
    public void A_run_needs_its_float32_matrix_plus_an_eighth_and_the_overhead()
    {
        // 91×109×91 voxels × 300 volumes × 4 bytes = 1,083,154,800 bytes.
        Assert.Equal(1_083_154_800L + (1_083_154_800L / 8) + (256L << 20), RunMemory.Estimate(91 * 109 * 91, 300));
        Assert.Throws<OverflowException>(() => RunMemory.Estimate(long.MaxValue / 2, 3));
        Assert.True(RunMemory.DefaultBudget() > 0);
    }
}
