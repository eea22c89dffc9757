using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Xunit.Abstractions;

namespace SeedCorr.PowerShell.Tests;

/// <summary>The stop tests run alone in this assembly so that their own measurements compete with less.</summary>
[CollectionDefinition(nameof(StopTests), DisableParallelization = true)]
public sealed class StopTestsDefinition
{
}

/// <summary>
/// Ctrl+C (PowerShell.Stop → StopProcessing) during long work, on the full engine of Microsoft.PowerShell.SDK:
/// the work stops well before it would have finished and leaves no partial file. Each test first times the same work
/// uninterrupted, in the same test, and compares with that (no absolute millisecond threshold that a busy machine
/// could break; the precise stop latency is a benchmark figure, see bench/README.md). The times are printed.
/// </summary>
[Collection(nameof(StopTests))]
public sealed class StopTests : IDisposable
{
    /// <summary>Stop is asked for after this fraction of the uninterrupted time...</summary>
    private const double StopAt = 0.25;

    /// <summary>...and must have taken effect before this fraction of it, i.e. well before the work would have ended.</summary>
    private const double StoppedBefore = 0.6;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "seedcorr-stop-" + Guid.NewGuid().ToString("N"));
    private readonly Runspace _runspace;
    private readonly ITestOutputHelper _output;

    public StopTests(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(_dir);
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule([TestModule.Manifest]);
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

    private void Run(string text)
    {
        using var ps = Script(text);
        ps.Invoke();
        Assert.False(ps.HadErrors, string.Join("; ", ps.Streams.Error));
    }

    /// <summary>A 91×109×91×60 float32 demo subject (216 MB of voxels, ~80 MB as .nii.gz), generated into the test folder.</summary>
    private string MakeBigImage()
    {
        using var ps = Script($"[SeedCorr.Core.Datasets.DemoSubjectGenerator]::Get([SeedCorr.Core.Datasets.DemoSubjectSize]::Mni2mm(60), '{_dir}', $false, $null, [System.Threading.CancellationToken]::None).Func");
        var func = ps.Invoke().Single().BaseObject as string;
        Assert.False(ps.HadErrors, string.Join("; ", ps.Streams.Error));
        return func!;
    }

    /// <summary>
    /// Times <paramref name="text"/> to completion, runs it again and stops it after <see cref="StopAt"/> of that time,
    /// and checks that it had stopped (not completed) before <see cref="StoppedBefore"/> of it.
    /// </summary>
    private void AssertStopsEarly(string text, Action? afterFullRun = null)
    {
        var full = Stopwatch.StartNew();
        Run(text);
        full.Stop();
        afterFullRun?.Invoke();

        using var ps = Script(text);
        var started = Stopwatch.StartNew();
        var async = ps.BeginInvoke();
        Thread.Sleep(TimeSpan.FromMilliseconds(full.Elapsed.TotalMilliseconds * StopAt));
        Assert.False(async.IsCompleted, "the work finished before it could be stopped: make it longer");
        var stopping = Stopwatch.StartNew();
        ps.Stop();
        stopping.Stop();
        started.Stop();
        _output.WriteLine($"uninterrupted {full.Elapsed.TotalMilliseconds:0} ms; stop asked at {full.Elapsed.TotalMilliseconds * StopAt:0} ms, " +
            $"took effect in {stopping.Elapsed.TotalMilliseconds:0} ms ({started.Elapsed.TotalMilliseconds:0} ms after the start)");
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.True(started.Elapsed < full.Elapsed * StoppedBefore,
            $"stopped {started.Elapsed.TotalMilliseconds:0} ms after the start; the whole work takes {full.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public void Stopping_Import_Nifti_of_a_large_gz_stops_the_read()
    {
        var big = MakeBigImage();
        AssertStopsEarly($"$null = Import-Nifti '{big}'");
    }

    [Fact]
    public void Stopping_New_BrainMasker_streaming_a_large_gz_stops_the_pass_and_releases_the_file()
    {
        var big = MakeBigImage();
        AssertStopsEarly($"$null = New-BrainMasker -LiteralPath '{big}' -SmoothingFwhm 6");
        // The file is released (on Windows an open file could not be moved) and the runspace streams it again at once.
        var moved = Path.Combine(_dir, "moved_bold.nii.gz");
        File.Move(big, moved);
        using var again = Script($"(New-BrainMasker -LiteralPath '{moved}' -SmoothingFwhm 6).Shape");
        var shape = again.Invoke().Single();
        Assert.False(again.HadErrors, string.Join("; ", again.Streams.Error));
        Assert.Equal("(60, 313925)", shape.ToString());
    }

    [Fact]
    public void Stopping_Invoke_SignalClean_on_a_large_matrix_stops_the_cleaning()
    {
        Run("$global:m = [SeedCorr.Core.Signal.SignalMatrix]::new(600, 200000)");
        AssertStopsEarly("$null = $global:m | Invoke-SignalClean -Detrend -LowPass 0.1 -HighPass 0.01 -RepetitionTime 2 -Standardize ZScore");
    }

    [Fact]
    public void Stopping_Export_Nifti_leaves_the_old_file_and_no_temporary_file()
    {
        var source = MakeBigImage();
        var target = Path.Combine(_dir, "target.nii.gz");
        Run($"$global:img = Import-Nifti '{source}'");
        AssertStopsEarly($"$global:img | Export-Nifti -LiteralPath '{target}'",
            afterFullRun: () => File.WriteAllText(target, "previous result"));
        Assert.Equal("previous result", File.ReadAllText(target));
        Assert.Empty(Directory.GetFiles(_dir, ".*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Stopping_Get_SeedCorrDemoData_Study_leaves_no_half_run_and_no_completion_marker()
    {
        var cache = Path.Combine(_dir, "study-cache");
        AssertStopsEarly($"$null = Get-SeedCorrDemoData -Study -Subjects 4 -Volumes 80 -CacheDirectory '{cache}' -Force");
        var study = Directory.GetDirectories(cache).Single();
        Assert.False(File.Exists(Path.Combine(study, ".complete")));
        // Every run that Get-FmriprepRun can see has all its files: the BOLD, which defines a run, is written last.
        using var find = Script($"Get-FmriprepRun -LiteralPath '{Path.Combine(study, "derivatives", "fmriprep")}' -IncludeIncomplete -WarningAction SilentlyContinue | ForEach-Object IsComplete");
        var complete = find.Invoke().Select(o => (bool)o.BaseObject).ToArray();
        _output.WriteLine($"{complete.Length} of 4 runs were there when stopped");
        Assert.Empty(find.Streams.Error);
        Assert.InRange(complete.Length, 0, 3);
        Assert.All(complete, Assert.True);
        Assert.Empty(Directory.GetFiles(_dir, ".*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Stopping_Invoke_SeedToVoxel_stops_every_run_and_leaves_no_partial_file()
    {
        var cache = Path.Combine(_dir, "stv-cache");
        var output = Path.Combine(_dir, "stv-out");
        Run($"$null = Get-SeedCorrDemoData -Study -Subjects 6 -Volumes 168 -CacheDirectory '{cache}'");
        var fmriprep = Path.Combine(Directory.GetDirectories(cache).Single(), "derivatives", "fmriprep");
        // -Force: the uninterrupted call's outputs must not make the stopped one skip its runs.
        AssertStopsEarly($"$null = Get-FmriprepRun -LiteralPath '{fmriprep}' | Invoke-SeedToVoxel -Seed (New-SphereSeed -Name PCC, LAG -Coordinate (0, -52, 18), (-46, -66, 32) -Radius 8) -OutputDirectory '{output}' -ThrottleLimit 2 -Force",
            afterFullRun: () => Directory.Delete(output, recursive: true));
        var done = Directory.Exists(output) ? Directory.GetFiles(output, "*_desc-seeds_timeseries.json", SearchOption.AllDirectories).Length : 0;
        _output.WriteLine($"{done} of 6 runs had finished when stopped");
        Assert.InRange(done, 0, 5);
        Assert.Empty(Directory.GetFiles(_dir, ".*.tmp", SearchOption.AllDirectories));
    }
}
