using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;

namespace SeedCorr.Host;

/// <summary>The PSHost: identity, the UI, and the exit code a script asks for with <c>exit N</c>.</summary>
internal sealed class ScriptHost(bool plainText) : PSHost
{
    private readonly HostUserInterface _ui = new(plainText);

    public int? ExitCode { get; private set; }

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override string Name => "SeedCorrHost";

    public override PSHostUserInterface UI => _ui;

    public override Version Version => typeof(ScriptHost).Assembly.GetName().Version ?? new Version(0, 1);

    public override void EnterNestedPrompt() => throw new NotSupportedException("Nested prompts are not supported.");

    public override void ExitNestedPrompt() => throw new NotSupportedException("Nested prompts are not supported.");

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
}
