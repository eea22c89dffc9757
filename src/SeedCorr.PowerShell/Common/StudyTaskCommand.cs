using System.Management.Automation;

namespace SeedCorr.PowerShell.Common;

/// <summary>
/// The command a task of a study job runs: this pwsh (by absolute path; the dotnet-tool pwsh as <c>dotnet pwsh.dll</c>)
/// importing this module (the manifest in use, by absolute path) and running Invoke-SeedToVoxel's task form on the
/// parameters file; <c>SLURM_ARRAY_TASK_ID</c> selects the subject.
/// </summary>
internal static class StudyTaskCommand
{
    public static IReadOnlyList<string> For(PSCmdlet cmdlet, string parameterFile)
    {
        var command = new List<string>();
        var process = Environment.ProcessPath ?? "pwsh";
        command.Add(process);
        if (Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            command.Add(Path.Combine(cmdlet.SessionState.PSVariable.GetValue("PSHOME") as string ?? AppContext.BaseDirectory, "pwsh.dll"));
        }

        command.AddRange(["-NoProfile", "-NonInteractive", "-Command",
            // Plain text: a log file is no terminal.
            $"$PSStyle.OutputRendering = 'PlainText'; Import-Module -Name {Literal(ModuleManifest(cmdlet))} -ErrorAction Stop; Invoke-SeedToVoxel -ParameterFile {Literal(parameterFile)}"]);
        return command;
    }

    /// <summary>The module's manifest (what Import-Module loaded), else its DLL.</summary>
    private static string ModuleManifest(PSCmdlet cmdlet)
    {
        var module = cmdlet.MyInvocation.MyCommand.Module;
        var manifest = module is null ? null : Path.Combine(module.ModuleBase, module.Name + ".psd1");
        return manifest is not null && File.Exists(manifest) ? manifest : typeof(StudyTaskCommand).Assembly.Location;
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
