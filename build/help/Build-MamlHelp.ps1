#Requires -Version 7.4
<#
.SYNOPSIS
    Compiles docs/help/<Verb-Noun>.md into the module's MAML help (en-US/SeedCorr.PowerShell.dll-Help.xml).

.DESCRIPTION
    One source for help: the prose (synopsis, description, examples, parameter descriptions, inputs, outputs, links)
    is Markdown per cmdlet in docs/help; everything else (parameter types, sets, positions, mandatory, pipeline
    input, aliases, wildcards) is read from the compiled cmdlets with Get-Command, so help cannot drift from the code.
    build.ps1 runs this in a fresh pwsh after staging. It fails when an exported cmdlet has no page, a page describes a
    parameter the cmdlet lacks, or a parameter has no description.

    Page format (the sections platyPS uses):
        # Verb-Noun
        ## SYNOPSIS / ## DESCRIPTION (paragraphs) / ## EXAMPLES (### Example N: title, a ```powershell block, remarks)
        ## PARAMETERS (### -Name, paragraphs, optional "Default value: x") / ## INPUTS and ## OUTPUTS (### type, text)
        ## RELATED LINKS (- Name)
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $MarkdownFolder,
    [Parameter(Mandatory)] [string] $OutputFile
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$module = Import-Module $ModuleManifest -PassThru
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

function Escape([string] $s) { [System.Security.SecurityElement]::Escape($s) }

# Splits a page into sections (## NAME) and their sub-sections (### title), each with its text lines.
function Read-Page([string] $path) {
    $page = [ordered]@{}
    $section = $null; $sub = $null; $inCode = $false
    foreach ($line in [IO.File]::ReadAllLines($path)) {
        if (-not $inCode -and $line -match '^## (.+)$') { $section = $Matches[1].Trim(); $page[$section] = [ordered]@{ '' = [Collections.Generic.List[string]]::new() }; $sub = ''; continue }
        if (-not $inCode -and $line -match '^### (.+)$' -and $section) { $sub = $Matches[1].Trim(); $page[$section][$sub] = [Collections.Generic.List[string]]::new(); continue }
        if ($line -match '^```') { $inCode = -not $inCode }
        if ($section) { $page[$section][$sub].Add($line) }
    }
    $page
}

# Paragraphs of plain text (blank-line separated), with code blocks taken out.
function Get-Paragraphs([string[]] $lines) {
    $text = ($lines | Where-Object { $_ -notmatch '^Default value:' }) -join "`n"
    $text = [regex]::Replace($text, '```[a-z]*\n[\s\S]*?\n```', '')
    @($text -split '\n\s*\n' | ForEach-Object { ($_ -replace '\s*\n\s*', ' ').Trim() } | Where-Object { $_ })
}

function Get-Code([string[]] $lines) {
    $text = $lines -join "`n"
    if ($text -match '```[a-z]*\n([\s\S]*?)\n```') { $Matches[1] } else { '' }
}

$out = [Collections.Generic.List[string]]::new()
$out.Add('<?xml version="1.0" encoding="utf-8"?>')
$out.Add('<!-- Built from docs/help/*.md and the compiled cmdlets by build/help/Build-MamlHelp.ps1: edit the Markdown, not this file. -->')
$out.Add('<helpItems schema="maml" xmlns="http://msh">')
$problems = [Collections.Generic.List[string]]::new()

foreach ($name in $module.ExportedCmdlets.Keys | Sort-Object) {
    $pagePath = Join-Path $MarkdownFolder "$name.md"
    if (-not (Test-Path -LiteralPath $pagePath)) { $problems.Add("$name has no help page ($pagePath)"); continue }
    $page = Read-Page $pagePath
    $command = Get-Command $name
    $verb, $noun = $name -split '-', 2
    $described = @{}
    if ($page.Contains('PARAMETERS')) {
        foreach ($k in $page['PARAMETERS'].Keys) { if ($k) { $described[$k.TrimStart('-')] = $page['PARAMETERS'][$k] } }
    }
    $params = @($command.Parameters.Values | Where-Object { $_.Name -notin $common -or $described.ContainsKey($_.Name) })
    foreach ($p in $params) {
        if (-not $described.ContainsKey($p.Name) -or -not (Get-Paragraphs $described[$p.Name])) { $problems.Add("$name -$($p.Name) has no description") }
    }
    foreach ($d in $described.Keys) { if (-not $command.Parameters.ContainsKey($d)) { $problems.Add("$name documents -$d, which it does not have") } }

    $out.Add('  <command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">')
    $out.Add('    <command:details>')
    $out.Add("      <command:name>$name</command:name>")
    $out.Add("      <command:verb>$verb</command:verb>")
    $out.Add("      <command:noun>$noun</command:noun>")
    $out.Add("      <maml:description><maml:para>$(Escape ((Get-Paragraphs $page['SYNOPSIS']['']) -join ' '))</maml:para></maml:description>")
    $out.Add('    </command:details>')
    $out.Add('    <maml:description>')
    foreach ($para in Get-Paragraphs $page['DESCRIPTION']['']) { $out.Add("      <maml:para>$(Escape $para)</maml:para>") }
    $out.Add('    </maml:description>')

    # One syntax line per parameter set, parameters in the cmdlet's order, with the set's own attributes.
    $out.Add('    <command:syntax>')
    foreach ($set in $command.ParameterSets) {
        $out.Add('      <command:syntaxItem>')
        $out.Add("        <maml:name>$name</maml:name>")
        foreach ($sp in $set.Parameters | Where-Object { $_.Name -notin $common -or $described.ContainsKey($_.Name) }) {
            $pipe = if ($sp.ValueFromPipeline -and $sp.ValueFromPipelineByPropertyName) { 'True (ByValue, ByPropertyName)' } elseif ($sp.ValueFromPipeline) { 'True (ByValue)' } elseif ($sp.ValueFromPipelineByPropertyName) { 'True (ByPropertyName)' } else { 'False' }
            $pos = if ($sp.Position -ge 0) { "$($sp.Position)" } else { 'named' }
            $aliases = if ($sp.Aliases.Count) { $sp.Aliases -join ', ' } else { 'none' }
            $wild = [bool]($command.Parameters[$sp.Name].Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
            $out.Add("        <command:parameter required=`"$($sp.IsMandatory.ToString().ToLowerInvariant())`" variableLength=`"true`" globbing=`"$($wild.ToString().ToLowerInvariant())`" pipelineInput=`"$pipe`" position=`"$pos`" aliases=`"$aliases`">")
            $out.Add("          <maml:name>$($sp.Name)</maml:name>")
            if ($sp.ParameterType -ne [switch]) { $out.Add("          <command:parameterValue required=`"true`" variableLength=`"false`">$($sp.ParameterType.Name)</command:parameterValue>") }
            $out.Add('        </command:parameter>')
        }
        $out.Add('      </command:syntaxItem>')
    }
    $out.Add('    </command:syntax>')

    # The parameter list: each parameter once, mandatory or piped when it is so in any set.
    $out.Add('    <command:parameters>')
    foreach ($p in $params) {
        $inSets = @($command.ParameterSets | ForEach-Object { $_.Parameters | Where-Object Name -eq $p.Name })
        $mandatory = [bool]($inSets | Where-Object IsMandatory)
        $byValue = [bool]($inSets | Where-Object ValueFromPipeline); $byName = [bool]($inSets | Where-Object ValueFromPipelineByPropertyName)
        $pipe = if ($byValue -and $byName) { 'True (ByValue, ByPropertyName)' } elseif ($byValue) { 'True (ByValue)' } elseif ($byName) { 'True (ByPropertyName)' } else { 'False' }
        $position = @($inSets | Where-Object { $_.Position -ge 0 } | ForEach-Object Position | Select-Object -First 1)
        $pos = if ($position) { "$($position[0])" } else { 'named' }
        $aliases = if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' }
        $wild = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        $lines = if ($described.ContainsKey($p.Name)) { $described[$p.Name] } else { @() }
        $default = @($lines | Where-Object { $_ -match '^Default value:\s*(.+)$' } | ForEach-Object { ($_ -replace '^Default value:\s*', '').Trim() })
        $type = $p.ParameterType.Name
        $out.Add("      <command:parameter required=`"$($mandatory.ToString().ToLowerInvariant())`" variableLength=`"true`" globbing=`"$($wild.ToString().ToLowerInvariant())`" pipelineInput=`"$pipe`" position=`"$pos`" aliases=`"$aliases`">")
        $out.Add("        <maml:name>$($p.Name)</maml:name>")
        $out.Add("        <maml:description>$((Get-Paragraphs $lines | ForEach-Object { "<maml:para>$(Escape $_)</maml:para>" }) -join '')</maml:description>")
        $out.Add("        <command:parameterValue required=`"$(($p.ParameterType -ne [switch]).ToString().ToLowerInvariant())`" variableLength=`"false`">$type</command:parameterValue>")
        $out.Add("        <dev:type><maml:name>$type</maml:name></dev:type>")
        $out.Add("        <dev:defaultValue>$(if ($default) { Escape $default[0] } else { 'None' })</dev:defaultValue>")
        $out.Add('      </command:parameter>')
    }
    $out.Add('    </command:parameters>')

    foreach ($kind in @(@('INPUTS', 'inputTypes', 'inputType'), @('OUTPUTS', 'returnValues', 'returnValue'))) {
        $out.Add("    <command:$($kind[1])>")
        if ($page.Contains($kind[0])) {
            foreach ($t in $page[$kind[0]].Keys | Where-Object { $_ }) {
                $out.Add("      <command:$($kind[2])><dev:type><maml:name>$(Escape $t)</maml:name></dev:type><maml:description><maml:para>$(Escape ((Get-Paragraphs $page[$kind[0]][$t]) -join ' '))</maml:para></maml:description></command:$($kind[2])>")
            }
        }
        $out.Add("    </command:$($kind[1])>")
    }

    $out.Add('    <command:examples>')
    if (-not $page.Contains('EXAMPLES') -or @($page['EXAMPLES'].Keys | Where-Object { $_ }).Count -lt 2) { $problems.Add("$name needs at least two examples") }
    foreach ($title in $page['EXAMPLES'].Keys | Where-Object { $_ }) {
        $lines = $page['EXAMPLES'][$title]
        $out.Add('      <command:example>')
        $out.Add("        <maml:title>-------------------------- $(Escape $title) --------------------------</maml:title>")
        $out.Add("        <dev:code>$(Escape (Get-Code $lines))</dev:code>")
        $out.Add("        <dev:remarks><maml:para>$(Escape ((Get-Paragraphs $lines) -join ' '))</maml:para></dev:remarks>")
        $out.Add('      </command:example>')
    }
    $out.Add('    </command:examples>')
    $out.Add('    <command:relatedLinks>')
    if ($page.Contains('RELATED LINKS')) {
        foreach ($l in $page['RELATED LINKS'][''] | Where-Object { $_ -match '^- (.+)$' }) {
            $out.Add("      <maml:navigationLink><maml:linkText>$(Escape ($l -replace '^- ', '').Trim())</maml:linkText><maml:uri></maml:uri></maml:navigationLink>")
        }
    }
    $out.Add('    </command:relatedLinks>')
    $out.Add('  </command:command>')
}
$out.Add('</helpItems>')

foreach ($md in Get-ChildItem -LiteralPath $MarkdownFolder -Filter *.md) {
    if ($md.BaseName -notin $module.ExportedCmdlets.Keys) { $problems.Add("$($md.Name) documents no exported cmdlet") }
}
if ($problems.Count) { throw "Help is incomplete:`n  $($problems -join "`n  ")" }
New-Item -ItemType Directory -Path (Split-Path $OutputFile) -Force | Out-Null
[IO.File]::WriteAllText($OutputFile, ($out -join "`n") + "`n")
"Help for $($module.ExportedCmdlets.Count) cmdlets written to $OutputFile"
