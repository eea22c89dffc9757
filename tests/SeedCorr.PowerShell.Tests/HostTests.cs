using System.Diagnostics;

namespace SeedCorr.PowerShell.Tests;

/// <summary>The script host as a separate process: pwsh-like output, streams and exit codes.</summary>
public sealed class HostTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "seedcorr-host-" + Guid.NewGuid().ToString("N"));

    public HostTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string HostDll
    {
        get
        {
            var config = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
            return Path.Combine(PesterSuite.RepoRoot, "src", "SeedCorr.Host", "bin", config, "net10.0", "seedcorr-host.dll");
        }
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(HostDll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Remove("SEEDCORR_MODULE_PATH"); // the host must find its own copy of the module
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), "host did not finish in 60 s");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Command_runs_with_the_module_imported_and_formats_output_as_a_table_without_ANSI_codes()
    {
        var nii = Path.Combine(PesterSuite.RepoRoot, "tests", "data", "nifti", "valid", "large_4d_float32.nii.gz");
        var (exit, stdout, stderr) = Run("-Command", $"Import-Nifti -LiteralPath '{nii}'");
        Assert.Equal(0, exit);
        Assert.Empty(stderr);
        Assert.Contains("Name", stdout, StringComparison.Ordinal);
        Assert.Contains("large_4d_float32.nii.gz 16x16x16x64", stdout, StringComparison.Ordinal);
        Assert.Contains("0.72s", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_file_gets_named_arguments_and_its_exit_code_is_the_process_exit_code()
    {
        var script = Path.Combine(_dir, "s.ps1");
        File.WriteAllText(script, "param([string] $Name, [int] $Code)\n\"hello $Name\"\nexit $Code\n");
        var (exit, stdout, _) = Run(script, "-Name", "world", "-Code", "5");
        Assert.Equal(5, exit);
        Assert.Equal("hello world", stdout.Trim());
    }

    [Fact]
    public void An_uncaught_throw_exits_1_with_the_error_on_stderr()
    {
        var script = Path.Combine(_dir, "t.ps1");
        File.WriteAllText(script, "'before'\nthrow 'boom'\n'after'\n");
        var (exit, stdout, stderr) = Run(script);
        Assert.Equal(1, exit);
        Assert.Equal("before", stdout.Trim());
        Assert.Contains("boom", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_and_warnings_go_to_stderr_and_a_failing_last_command_exits_1()
    {
        var (exit, stdout, stderr) = Run("-Command", "Write-Warning 'careful'; 'result'; Import-Nifti ./no-such-file.nii");
        Assert.Equal(1, exit);
        Assert.Equal("result", stdout.Trim());
        Assert.Contains("WARNING: careful", stderr, StringComparison.Ordinal);
        Assert.Contains("Cannot find path", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_script_file_exits_64_as_pwsh_does()
    {
        var (exit, _, stderr) = Run(Path.Combine(_dir, "missing.ps1"));
        Assert.Equal(64, exit);
        Assert.Contains("not recognized", stderr, StringComparison.Ordinal);
    }
}
