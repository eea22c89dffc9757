using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace SeedCorr.Host;

/// <summary>
/// A non-interactive console UI: output to stdout; errors, warnings, verbose, debug and progress to stderr (as pwsh
/// does when redirected, so pipelines of this host's stdout carry only results). Prompts fail clearly.
/// </summary>
internal sealed class HostUserInterface(bool plainText) : PSHostUserInterface
{
    private readonly HostRawUserInterface _raw = new();

    public override PSHostRawUserInterface RawUI => _raw;

    public override bool SupportsVirtualTerminal => !plainText;

    public override void Write(string value) => Console.Out.Write(Plain(value));

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Console.Out.Write(Plain(value));

    public override void WriteLine(string value) => Console.Out.WriteLine(Plain(value));

    public override void WriteErrorLine(string value) => Console.Error.WriteLine(Plain(value));

    // The table formatter embeds ANSI sequences itself, whatever OutputRendering says: strip them for files and pipes.
    private string Plain(string value) =>
        plainText && value.Contains('\u001b', StringComparison.Ordinal)
            ? new System.Management.Automation.Internal.StringDecorated(value).ToString(OutputRendering.PlainText)
            : value;

    public override void WriteDebugLine(string message) => Console.Error.WriteLine("DEBUG: " + message);

    public override void WriteVerboseLine(string message) => Console.Error.WriteLine("VERBOSE: " + message);

    public override void WriteWarningLine(string message) => Console.Error.WriteLine("WARNING: " + message);

    public override void WriteInformation(InformationRecord record)
    {
        // Write-Host output is tagged PSHOST and belongs on stdout, as in pwsh; other information records are silent
        // unless $InformationPreference asks for them (then the engine sends them through Out-Default).
        if (record.Tags.Contains("PSHOST"))
        {
            Console.Out.WriteLine(record.MessageData?.ToString());
        }
    }

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        // Progress bars need a terminal; a script host run from CI would only fill logs with them.
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
        throw new PSInvalidOperationException("This host is non-interactive: it cannot prompt. Pass the value as a parameter (or use -Confirm:$false).");

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
        throw new PSInvalidOperationException($"This host is non-interactive and cannot ask: {message} Use -Confirm:$false or -Force.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new PSInvalidOperationException("This host is non-interactive: it cannot prompt for credentials.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw new PSInvalidOperationException("This host is non-interactive: it cannot prompt for credentials.");

    public override string ReadLine() => Console.In.ReadLine() ?? string.Empty;

    public override SecureString ReadLineAsSecureString() =>
        throw new PSInvalidOperationException("This host is non-interactive: it cannot read secure input.");
}
