using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace SeedCorr.Host;

/// <summary>
/// <c>seedcorr-host script.ps1 [args]</c> and <c>seedcorr-host -Command '&lt;text&gt;'</c>: like <c>pwsh -File</c> and
/// <c>pwsh -Command</c>, with the SeedCorr module imported. Exit codes as pwsh: <c>exit N</c> gives N, an uncaught
/// error gives 1; with -Command, a failing last statement also gives 1.
/// </summary>
internal static class Program
{
    private const string Usage = """
        Usage: seedcorr-host <script.ps1> [arguments...]
               seedcorr-host -Command '<script text>'
        Runs PowerShell with the SeedCorr module imported (the real PowerShell 7.6 engine, in-process).
        SEEDCORR_MODULE_PATH overrides the module manifest to import.
        """;

    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "-Help" or "-?")
        {
            Console.Error.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var plain = Console.IsOutputRedirected || Environment.GetEnvironmentVariable("NO_COLOR") is not null;
        if (plain)
        {
            PSStyle.Instance.OutputRendering = OutputRendering.PlainText;
        }

        string script;
        var isCommand = args[0].Equals("-Command", StringComparison.OrdinalIgnoreCase) || args[0].Equals("-c", StringComparison.OrdinalIgnoreCase);
        if (isCommand)
        {
            if (args.Length < 2)
            {
                Console.Error.WriteLine("-Command needs the script text.");
                return 2;
            }

            // As pwsh -Command: the exit code is 1 when the last statement failed ($? false), so record $? after it.
            script = string.Join(' ', args.Skip(1)) + "\n$global:__SeedCorrHostLastSucceeded = $?";
        }
        else
        {
            var file = Path.GetFullPath(args[0]);
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"The argument '{args[0]}' is not recognized as the name of a script file. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.");
                return 64;
            }

            // pwsh -File passes "-Name" tokens as parameter names and everything else as string values.
            script = "& " + Quote(file) + string.Concat(args.Skip(1).Select(a => " " + (IsParameterToken(a) ? a : Quote(a))));
        }

        var host = new ScriptHost(plain);
        var iss = InitialSessionState.CreateDefault2();
        var module = Environment.GetEnvironmentVariable("SEEDCORR_MODULE_PATH")
            ?? Path.Combine(AppContext.BaseDirectory, "Modules", "SeedCorr", "SeedCorr.psd1");
        iss.ImportPSModule([module]);
        using var runspace = RunspaceFactory.CreateRunspace(host, iss);
        runspace.Open();
        Fallbacks.Add(runspace);

        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(script);
        ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.All, PipelineResultTypes.Output);
        ps.AddCommand("Out-Default");
        try
        {
            ps.Invoke();
        }
        catch (RuntimeException ex)
        {
            Report(runspace, ex.ErrorRecord);
            return host.ExitCode ?? 1;
        }

        if (host.ExitCode is { } code)
        {
            return code;
        }

        if (!isCommand)
        {
            return runspace.SessionStateProxy.GetVariable("LASTEXITCODE") is int last ? last : 0;
        }

        return runspace.SessionStateProxy.GetVariable("__SeedCorrHostLastSucceeded") is false ? 1 : 0;
    }

    private static bool IsParameterToken(string a) => a.Length > 1 && a[0] == '-' && char.IsLetter(a[1]);

    private static string Quote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>Prints a script-terminating error as pwsh does: the record, marked as error-stream output, through Out-Default (ConciseView).</summary>
    private static void Report(Runspace runspace, ErrorRecord record)
    {
        var wrapped = new PSObject(record);
        var streamProp = typeof(PSObject).GetProperty("WriteStream", BindingFlags.Instance | BindingFlags.NonPublic);
        if (streamProp is not null)
        {
            streamProp.SetValue(wrapped, Enum.Parse(streamProp.PropertyType, "Error"));
        }

        try
        {
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddCommand("Out-Default");
            ps.Invoke(new object[] { wrapped });
        }
        catch (RuntimeException)
        {
            Console.Error.WriteLine(record.ToString());
        }
    }
}
