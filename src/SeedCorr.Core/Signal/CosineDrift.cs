namespace SeedCorr.Core.Signal;

/// <summary>
/// The discrete cosine basis nilearn's <c>filter="cosine"</c> regresses out (nilearn.glm's <c>create_cosine_drift</c>
/// without its constant column): order = min(n − 1, ⌊2·n·high_pass·TR⌋) columns √(2/n)·cos(π/n·(t + ½)·k), k = 1…order.
/// </summary>
internal static class CosineDrift
{
    /// <summary>Time-major n × order regressors (order may be 0).</summary>
    public static (double[] Regressors, int Count) Create(int timepoints, double highPass, double repetitionTime)
    {
        var order = Math.Min(timepoints - 1, (int)Math.Floor(2 * timepoints * highPass * repetitionTime));
        order = Math.Max(order, 0);
        var r = new double[timepoints * order];
        var norm = Math.Sqrt(2.0 / timepoints);
        for (var t = 0; t < timepoints; t++)
        {
            for (var k = 1; k <= order; k++)
            {
                r[(t * order) + k - 1] = norm * Math.Cos(Math.PI / timepoints * (t + 0.5) * k);
            }
        }

        return (r, order);
    }
}
