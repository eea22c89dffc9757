namespace SeedCorr.Browser.Tests;

/// <summary>
/// A test that needs Chromium. It runs (and fails with a clear message when Chromium is missing) unless
/// SEEDCORR_SKIP_BROWSER=1, which skips it with that reason: CI installs Chromium with tests/browser/install-chromium.sh.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("SEEDCORR_SKIP_BROWSER") == "1")
        {
            Skip = "SEEDCORR_SKIP_BROWSER=1: browser tests skipped (install Chromium with tests/browser/install-chromium.sh to run them)";
        }
    }
}
