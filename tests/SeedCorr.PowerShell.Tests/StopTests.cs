using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Xunit.Abstractions;

namespace SeedCorr.PowerShell.Tests;

/// <summary>Timing tests run alone in this assembly: other test classes would compete for the 2 cores.</summary>
[CollectionDefinition(nameof(StopTests), DisableParallelization = true)]
public sealed class StopTestsDefinition
{
}

/// <summary>Ctrl+C (PowerShell.Stop → StopProcessing) during long work: stops within 200 ms, leaves no partial file.</summary>
[Collection(nameof(StopTests))]
public sealed class StopTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "seedcorr-stop-" + Guid.NewGuid().ToString("N"));
    private readonly Runspace _runspace;
    private readonly ITestOutputHelper _output;

    public StopTests(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(_dir);
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule([PesterSuite.ModuleManifest]);
        _runspace = RunspaceFactory.CreateRunspace(iss);
        _runspace.Open();
    }

    public void Dispose()
    {
        _runspace.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private System.Management.Automation.PowerShell Script(string text)
    {
        var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(text);
        return ps;
    }

    /// <summary>A 91×109×91×60 float32 demo subject (216 MB of voxels, ~80 MB as .nii.gz), generated into the test folder.</summary>
    private string MakeBigImage()
    {
        using var ps = Script($"[SeedCorr.Core.Datasets.DemoSubjectGenerator]::Get([SeedCorr.Core.Datasets.DemoSubjectSize]::Mni2mm(60), '{_dir}', $false, $null, [System.Threading.CancellationToken]::None).Func");
        var func = ps.Invoke().Single().BaseObject as string;
        Assert.False(ps.HadErrors, string.Join("; ", ps.Streams.Error));
        return func!;
    }

    private static double StopAfter(System.Management.Automation.PowerShell ps, int delayMs)
    {
        var async = ps.BeginInvoke();
        Thread.Sleep(delayMs);
        Assert.False(async.IsCompleted, "the work finished before it could be stopped: make it longer");
        var sw = Stopwatch.StartNew();
        ps.Stop();
        sw.Stop();
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        return sw.Elapsed.TotalMilliseconds;
    }

    [Fact]
    public void Stopping_Import_Nifti_of_a_large_gz_takes_under_200_ms()
    {
        var big = MakeBigImage();
        using var ps = Script($"Import-Nifti '{big}'");
        var ms = StopAfter(ps, 120);
        _output.WriteLine($"stopped in {ms:0} ms");
        Assert.True(ms < 200, $"{ms:0} ms");
    }

    [Fact]
    public void Stopping_New_BrainMasker_streaming_a_large_gz_takes_under_200_ms_and_releases_the_file()
    {
        var big = MakeBigImage();
        using var ps = Script($"New-BrainMasker -LiteralPath '{big}' -SmoothingFwhm 6");
        var ms = StopAfter(ps, 150);
        _output.WriteLine($"stopped in {ms:0} ms");
        Assert.True(ms < 200, $"{ms:0} ms");
        // The file is released (on Windows an open file could not be moved) and the runspace streams it again at once.
        var moved = Path.Combine(_dir, "moved_bold.nii.gz");
        File.Move(big, moved);
        using var again = Script($"(New-BrainMasker -LiteralPath '{moved}' -SmoothingFwhm 6).Shape");
        var shape = again.Invoke().Single();
        Assert.False(again.HadErrors, string.Join("; ", again.Streams.Error));
        Assert.Equal("(60, 313925)", shape.ToString());
    }

    [Fact]
    public void Stopping_Invoke_SignalClean_on_a_large_matrix_takes_under_200_ms()
    {
        using (var make = Script("$global:m = [SeedCorr.Core.Signal.SignalMatrix]::new(600, 200000)"))
        {
            make.Invoke();
        }

        using var ps = Script("$global:m | Invoke-SignalClean -Detrend -LowPass 0.1 -HighPass 0.01 -RepetitionTime 2 -Standardize ZScore");
        var ms = StopAfter(ps, 400);
        _output.WriteLine($"stopped in {ms:0} ms");
        Assert.True(ms < 200, $"{ms:0} ms");
    }

    [Fact]
    public void Stopping_Export_Nifti_leaves_the_old_file_and_no_temporary_file()
    {
        var source = MakeBigImage();
        var target = Path.Combine(_dir, "target.nii.gz");
        File.WriteAllText(target, "previous result");
        using (var load = Script($"$global:img = Import-Nifti '{source}'"))
        {
            load.Invoke();
        }

        using var ps = Script($"$global:img | Export-Nifti -LiteralPath '{target}'");
        var ms = StopAfter(ps, 100);
        _output.WriteLine($"stopped in {ms:0} ms");
        Assert.True(ms < 200, $"{ms:0} ms");
        Assert.Equal("previous result", File.ReadAllText(target));
        Assert.Empty(Directory.GetFiles(_dir, ".*.tmp", SearchOption.AllDirectories));
    }
}
