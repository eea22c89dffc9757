namespace SeedCorr.Core.Tests.Masking;

/// <summary>Bit-for-bit comparison of float32 signals, and the small BOLD file the masking tests read.</summary>
internal static class Bits
{
    public static readonly string SmallBold = Support.TestData.Path("small", "sub-synth01_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz");

    /// <summary>Fails at the first value whose bits differ (so −0 ≠ +0 and NaN payloads count).</summary>
    public static void AssertEqual(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                Assert.Fail($"value {i}: expected {expected[i]:R}, got {actual[i]:R}");
            }
        }
    }
}
