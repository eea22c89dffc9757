namespace SeedCorr.Core.Datasets;

/// <summary>
/// Maps a part's 0 → 1 onto <c>from</c> → <c>to</c> of the whole, synchronously (System.Progress would post to the
/// thread pool, and the cmdlets may only write progress on the pipeline thread).
/// </summary>
internal sealed class ScaledProgress(IProgress<double>? whole, double from, double to) : IProgress<double>
{
    public void Report(double value) => whole?.Report(from + ((to - from) * value));
}
