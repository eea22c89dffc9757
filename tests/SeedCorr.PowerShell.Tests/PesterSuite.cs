using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using SeedCorr.Host;

namespace SeedCorr.PowerShell.Tests;

/// <summary>One It block in a tests/Pester file, as found by the PowerShell parser (before anything runs).</summary>
internal sealed record PesterCase(string File, int Line, string Name);

/// <summary>The outcome of one It (all its -ForEach expansions) after its file ran.</summary>
internal sealed record PesterOutcome(string Result, string Message);

/// <summary>
/// Finds the It blocks of every tests/Pester/*.Tests.ps1 file and runs each file once, on demand, in a fresh
/// runspace with the built module and the PesterLite runner. Results are looked up by file and line.
/// </summary>
internal static class PesterSuite
{
    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<PSObject>>> Runs = new();

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ModuleManifest { get; } = Path.Combine(AppContext.BaseDirectory, "Modules", "SeedCorr", "SeedCorr.psd1");

    public static string PesterFolder => Path.Combine(RepoRoot, "tests", "Pester");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SeedCorr.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("SeedCorr.sln not found above " + AppContext.BaseDirectory);
    }

    public static IEnumerable<PesterCase> Discover()
    {
        foreach (var file in Directory.GetFiles(PesterFolder, "*.Tests.ps1").Order(StringComparer.Ordinal))
        {
            var ast = Parser.ParseFile(file, out _, out var errors);
            if (errors.Length > 0)
            {
                yield return new PesterCase(file, 0, "parse error: " + errors[0].Message);
                continue;
            }

            var its = ast.FindAll(a => a is CommandAst c && c.GetCommandName() == "It", searchNestedScriptBlocks: true).Cast<CommandAst>();
            foreach (var it in its)
            {
                var name = it.CommandElements.Skip(1).OfType<StringConstantExpressionAst>().FirstOrDefault()?.Value
                    ?? it.CommandElements.Skip(1).OfType<ExpandableStringExpressionAst>().FirstOrDefault()?.Value
                    ?? "(unnamed)";
                yield return new PesterCase(file, it.Extent.StartLineNumber, name);
            }
        }
    }

    public static PesterOutcome Outcome(PesterCase c)
    {
        var results = Runs.GetOrAdd(c.File, f => new Lazy<IReadOnlyList<PSObject>>(() => RunFile(f))).Value;
        var discovery = results.FirstOrDefault(r => (string)r.Properties["Name"].Value == "discovery");
        if (discovery is not null)
        {
            return new PesterOutcome("Failed", (string)discovery.Properties["Message"].Value);
        }

        var mine = results.Where(r => Convert.ToInt32(r.Properties["Line"].Value, System.Globalization.CultureInfo.InvariantCulture) == c.Line).ToList();
        if (mine.Count == 0)
        {
            return new PesterOutcome("Failed", $"the It at line {c.Line} did not run (is it inside a block that failed discovery?)");
        }

        var failed = mine.Where(r => (string)r.Properties["Result"].Value == "Failed").ToList();
        if (failed.Count > 0)
        {
            return new PesterOutcome("Failed", string.Join("\n\n", failed.Select(r => $"{r.Properties["Path"].Value}:\n{r.Properties["Message"].Value}")));
        }

        return mine.All(r => (string)r.Properties["Result"].Value == "Skipped")
            ? new PesterOutcome("Skipped", "skipped")
            : new PesterOutcome("Passed", string.Join("\n", mine.Select(r => r.Properties["Path"].Value)));
    }

    private static List<PSObject> RunFile(string file)
    {
        Environment.SetEnvironmentVariable("SEEDCORR_MODULE_PATH", ModuleManifest);
        var iss = InitialSessionState.CreateDefault2();
        using var runspace = RunspaceFactory.CreateRunspace(iss);
        runspace.Open();
        runspace.SessionStateProxy.Path.SetLocation(Path.GetDirectoryName(file));
        Fallbacks.Add(runspace);
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(". ([System.IO.Path]::Combine([AppContext]::BaseDirectory, 'PesterLite', 'PesterLite.ps1'))").Invoke();
        ps.Commands.Clear();
        ps.AddCommand("Invoke-PesterLite").AddParameter("Path", file);
        try
        {
            return ps.Invoke().ToList();
        }
        catch (RuntimeException ex)
        {
            var fail = new PSObject();
            fail.Properties.Add(new PSNoteProperty("Name", "discovery"));
            fail.Properties.Add(new PSNoteProperty("Message", "the runner failed: " + ex.ErrorRecord));
            return [fail];
        }
    }
}
