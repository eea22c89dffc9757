using System.Management.Automation;

namespace SeedCorr.PowerShell.Common;

/// <summary>
/// -NoClobber, -Force and -PassThru of every SeedCorr writer: <see cref="FileWriterCmdlet"/> adds -Path/-LiteralPath for
/// the file written; Export-SeedCorrReport, whose -Path is the study read, names its output itself.
/// </summary>
public abstract class OutputSwitchesCmdlet : SeedCorrCmdlet
{
    /// <summary>Do not replace an existing file: fail with FileExists instead.</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>Replace an existing file even when it is read-only.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Output what was written.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }
}
