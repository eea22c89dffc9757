namespace SeedCorr.PowerShell.Tests;

/// <summary>The built module as the tests load it: copied next to the test assembly by build/CopyModule.targets.</summary>
internal static class TestModule
{
    public static string Manifest { get; } = Path.Combine(AppContext.BaseDirectory, "Modules", "SeedCorr", "SeedCorr.psd1");
}
