using System.Management.Automation;

namespace SeedCorr.PowerShell.Common;

/// <summary>
/// Makes a non-interactive pwsh (<c>pwsh -File script.ps1</c>, <c>pwsh -Command …</c>, <c>-NonInteractive</c>) end with
/// exit code 1 after a batch cmdlet reported failed items, without stopping the script: the host's exit code is set,
/// the script runs on, and an explicit <c>exit</c> in the script still decides. A cluster scheduler or CI job then sees
/// the failure that the per-item error records describe. An interactive session is never asked to exit.
/// </summary>
internal static class FailureExitCode
{
    public static void Request(PSCmdlet cmdlet)
    {
        if (cmdlet.Host?.Name == "ConsoleHost" && !IsInteractive(Environment.GetCommandLineArgs()))
        {
            cmdlet.Host.SetShouldExit(1);
        }
    }

    // pwsh parameters that take a value (and their abbreviations): the value is not a script path.
    private static readonly string[] TakesValue =
        ["executionpolicy", "ex", "ep", "workingdirectory", "wd", "outputformat", "o", "of", "inputformat", "inp", "if",
         "configurationname", "config", "windowstyle", "w", "settingsfile", "settings", "custompipename", "configurationfile"];

    /// <summary>pwsh's own rule: interactive unless -File (or a script path), -Command, -EncodedCommand or -NonInteractive is given, or with -NoExit.</summary>
    internal static bool IsInteractive(IReadOnlyList<string> args)
    {
        var noExit = false;
        var batch = false;
        var switchPrefix = OperatingSystem.IsWindows() ? "-/" : "-";
        for (var i = 1; i < args.Count; i++)
        {
            var a = args[i];
            if (a.Length > 1 && switchPrefix.Contains(a[0], StringComparison.Ordinal))
            {
                var name = a.TrimStart('-', '/').Split(':')[0].ToLowerInvariant();
                if (name.Length >= 3 && "noexit".StartsWith(name, StringComparison.Ordinal))
                {
                    noExit = true;
                }
                else if (name is "f" or "file" or "c" or "command" or "e" or "ec" or "encodedcommand" or "noninteractive" or "noni" or "nonint")
                {
                    batch = true;
                    if (name is "f" or "file" or "c" or "command" or "e" or "ec" or "encodedcommand")
                    {
                        break; // what follows belongs to the script or command
                    }
                }
                else if (TakesValue.Contains(name))
                {
                    i++;
                }
            }
            else
            {
                batch = true; // a positional script path is -File
                break;
            }
        }

        return noExit || !batch;
    }
}
