using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace SeedCorr.Host;

/// <summary>
/// The hosted engine has only the core cmdlets. Scripts written for pwsh commonly use a few utility cmdlets; these
/// minimal stand-ins are defined only when the real command is absent, so a real pwsh always uses its own.
/// </summary>
internal static class Fallbacks
{
    private static readonly (string Name, string Body)[] Functions =
    [
        ("Write-Output", """
            [CmdletBinding()] param([Parameter(ValueFromPipeline, ValueFromRemainingArguments, Position = 0)][AllowNull()][AllowEmptyCollection()] $InputObject, [switch] $NoEnumerate)
            process { if ($NoEnumerate) { $PSCmdlet.WriteObject($InputObject, $false) } else { foreach ($o in $InputObject) { $o } } }
            """),
        ("Write-Host", """
            param([Parameter(ValueFromPipeline, ValueFromRemainingArguments, Position = 0)] $Object, [switch] $NoNewline, $ForegroundColor, $BackgroundColor, $Separator = ' ')
            process {
                $text = ($Object | ForEach-Object { "$_" }) -join $Separator
                if ($NoNewline) { $Host.UI.Write($text) } else { $Host.UI.WriteLine($text) }
            }
            """),
        ("Write-Warning", """
            [CmdletBinding()] param([Parameter(Mandatory, Position = 0, ValueFromPipeline)][AllowEmptyString()][string] $Message)
            process { $PSCmdlet.WriteWarning($Message) }
            """),
        ("Write-Verbose", """
            [CmdletBinding()] param([Parameter(Mandatory, Position = 0, ValueFromPipeline)][AllowEmptyString()][string] $Message)
            process { $PSCmdlet.WriteVerbose($Message) }
            """),
        ("Write-Debug", """
            [CmdletBinding()] param([Parameter(Mandatory, Position = 0, ValueFromPipeline)][AllowEmptyString()][string] $Message)
            process { $PSCmdlet.WriteDebug($Message) }
            """),
        ("Write-Error", """
            [CmdletBinding()] param([Parameter(Position = 0, ValueFromPipeline)][string] $Message, [System.Management.Automation.ErrorRecord] $ErrorRecord,
                [string] $ErrorId = 'Microsoft.PowerShell.Commands.WriteErrorException', [System.Management.Automation.ErrorCategory] $Category = 'NotSpecified',
                $TargetObject, [string] $RecommendedAction)
            process {
                if (-not $ErrorRecord) {
                    $ErrorRecord = [System.Management.Automation.ErrorRecord]::new([System.Exception]::new($Message), $ErrorId, $Category, $TargetObject)
                    if ($RecommendedAction) { $ErrorRecord.ErrorDetails = [System.Management.Automation.ErrorDetails]::new($Message); $ErrorRecord.ErrorDetails.RecommendedAction = $RecommendedAction }
                }
                $PSCmdlet.WriteError($ErrorRecord)
            }
            """),
        ("Join-Path", """
            param([Parameter(Mandatory, Position = 0)][string] $Path, [Parameter(Mandatory, Position = 1)][string] $ChildPath, [Parameter(ValueFromRemainingArguments)][string[]] $AdditionalChildPath)
            $p = [System.IO.Path]::Combine($Path, $ChildPath)
            foreach ($c in $AdditionalChildPath) { $p = [System.IO.Path]::Combine($p, $c) }
            $p
            """),
        ("Test-Path", """
            param([Parameter(Mandatory, Position = 0)][string] $Path, [ValidateSet('Any', 'Leaf', 'Container')][string] $PathType = 'Any')
            $full = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
            switch ($PathType) {
                'Leaf' { [System.IO.File]::Exists($full) }
                'Container' { [System.IO.Directory]::Exists($full) }
                default { [System.IO.File]::Exists($full) -or [System.IO.Directory]::Exists($full) }
            }
            """),
        ("New-Item", """
            param([Parameter(Mandatory, Position = 0)][string] $Path, [string] $ItemType = 'File', [switch] $Force)
            $full = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
            if ($ItemType -eq 'Directory') { [System.IO.Directory]::CreateDirectory($full) }
            else { [System.IO.File]::WriteAllText($full, ''); [System.IO.FileInfo]::new($full) }
            """),
        ("Out-String", """
            param([Parameter(ValueFromPipeline)] $InputObject, [switch] $Stream)
            begin { $items = [System.Collections.Generic.List[object]]::new() }
            process { $items.Add($InputObject) }
            end { ($items | ForEach-Object { "$_" }) -join [Environment]::NewLine }
            """),
    ];

    public static void Add(Runspace runspace)
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        foreach (var (name, body) in Functions)
        {
            ps.Commands.Clear();
            ps.AddCommand("Get-Command").AddParameter("Name", name).AddParameter("ErrorAction", "Ignore");
            if (ps.Invoke().Count > 0)
            {
                continue;
            }

            ps.Commands.Clear();
            ps.AddScript($"function global:{name} {{\n{body}\n}}");
            ps.Invoke();
        }
    }
}
