# PesterLite: runs Pester-5-syntax test files on an engine where Pester is not installed.
#
# Dot-source this file into the global scope of the runspace that runs the tests: the test files' script blocks are
# bound to that session state, so BeforeAll variables reach It only if the runner lives there too (not in a module).
# Two phases, as in Pester 5: discovery runs the file (Describe/Context bodies) and records blocks, tests and setup;
# the run executes them, each block in a child scope of its parent so that setup variables flow inward.
# Supported: Describe/Context/It (-ForEach/-TestCases, -Skip, <name> templates), BeforeAll/AfterAll/BeforeEach/
# AfterEach, $TestDrive, and Should with the operators listed in Should's parameters. Not supported: Mock,
# InModuleScope, tags.

$global:__pl_root = $null
$global:__pl_current = $null

function global:__pl_NewBlock([string] $Name, $Parent) {
    [pscustomobject]@{
        Name = $Name; Parent = $Parent; Blocks = [System.Collections.Generic.List[object]]::new()
        Tests = [System.Collections.Generic.List[object]]::new(); BeforeAll = [System.Collections.Generic.List[scriptblock]]::new()
        AfterAll = [System.Collections.Generic.List[scriptblock]]::new(); BeforeEach = [System.Collections.Generic.List[scriptblock]]::new()
        AfterEach = [System.Collections.Generic.List[scriptblock]]::new(); Data = $null
    }
}

function global:__pl_Expand([string] $Text, $Data) {
    if ($Data -is [System.Collections.IDictionary]) {
        foreach ($k in $Data.Keys) { $Text = $Text.Replace("<$k>", "$($Data[$k])") }
    }
    elseif ($null -ne $Data) { $Text = $Text.Replace('<_>', "$Data") }
    $Text
}

function global:__pl_Block([string] $Name, [scriptblock] $Body, $ForEach) {
    # A list, not an array expression: an if-statement that outputs @($null) would assign $null and loop zero times.
    $cases = [System.Collections.Generic.List[object]]::new()
    if ($null -ne $ForEach) { foreach ($c in $ForEach) { $cases.Add($c) } } else { $cases.Add($null) }
    foreach ($case in $cases) {
        $block = __pl_NewBlock (__pl_Expand $Name $case) $global:__pl_current
        $block.Data = $case
        $global:__pl_current.Blocks.Add($block)
        $saved = $global:__pl_current
        $global:__pl_current = $block
        try { if ($case -is [System.Collections.IDictionary]) { $__pl_d = $case; & { foreach ($k in $__pl_d.Keys) { $ExecutionContext.SessionState.PSVariable.Set($k, $__pl_d[$k]) }; . $Body } } else { . $Body } }
        finally { $global:__pl_current = $saved }
    }
}

function global:Describe([Parameter(Mandatory, Position = 0)][string] $Name, [Parameter(Position = 1)][scriptblock] $Fixture, [object[]] $ForEach, [string[]] $Tag) {
    __pl_Block $Name $Fixture $ForEach
}

function global:Context([Parameter(Mandatory, Position = 0)][string] $Name, [Parameter(Position = 1)][scriptblock] $Fixture, [object[]] $ForEach, [string[]] $Tag) {
    __pl_Block $Name $Fixture $ForEach
}

function global:It {
    param([Parameter(Mandatory, Position = 0)][string] $Name, [Parameter(Position = 1)][scriptblock] $Test,
        [Alias('TestCases')][object[]] $ForEach, [switch] $Skip, [string[]] $Tag)
    $line = $MyInvocation.ScriptLineNumber
    $cases = [System.Collections.Generic.List[object]]::new()
    if ($PSBoundParameters.ContainsKey('ForEach')) { foreach ($c in $ForEach) { $cases.Add($c) } } else { $cases.Add($null) }
    foreach ($case in $cases) {
        $global:__pl_current.Tests.Add([pscustomobject]@{ Name = (__pl_Expand $Name $case); Body = $Test; Data = $case; Line = $line; Skip = [bool]$Skip; HasData = $PSBoundParameters.ContainsKey('ForEach') })
    }
}

function global:BeforeAll([Parameter(Mandatory, Position = 0)][scriptblock] $Scriptblock) { $global:__pl_current.BeforeAll.Add($Scriptblock) }
function global:AfterAll([Parameter(Mandatory, Position = 0)][scriptblock] $Scriptblock) { $global:__pl_current.AfterAll.Add($Scriptblock) }
function global:BeforeEach([Parameter(Mandatory, Position = 0)][scriptblock] $Scriptblock) { $global:__pl_current.BeforeEach.Add($Scriptblock) }
function global:AfterEach([Parameter(Mandatory, Position = 0)][scriptblock] $Scriptblock) { $global:__pl_current.AfterEach.Add($Scriptblock) }

function global:__pl_Fail([string] $Message, [string] $Because) {
    if ($Because) { $Message = "$Message, because $Because" }
    throw [System.Management.Automation.RuntimeException]::new("PesterLiteAssertion: $Message")
}

function global:__pl_Format($v) {
    if ($null -eq $v) { return '$null' }
    if ($v -is [string]) { return "'$v'" }
    if ($v -is [System.Collections.IEnumerable]) { return '@(' + ((@($v) | ForEach-Object { __pl_Format $_ }) -join ', ') + ')' }
    "$v"
}

function global:Should {
    [CmdletBinding()]
    param(
        [Parameter(ValueFromPipeline)] $ActualValue,
        [Parameter(Position = 0)] $ExpectedValue,
        [switch] $Not, [string] $Because,
        [switch] $Be, [switch] $BeExactly, [switch] $BeNullOrEmpty, [switch] $BeTrue, [switch] $BeFalse,
        [switch] $BeGreaterThan, [switch] $BeLessThan, [switch] $BeGreaterOrEqual, [switch] $BeLessOrEqual,
        [switch] $BeOfType, [switch] $HaveCount, [switch] $Match, [switch] $MatchExactly, [switch] $BeLike, [switch] $Contain,
        [switch] $BeIn, [switch] $Exist, [switch] $Throw, [switch] $FileContentMatch,
        [string] $ErrorId, [type] $ExceptionType, [string] $ExpectedMessage
    )
    begin { $__pl_items = [System.Collections.Generic.List[object]]::new(); $__pl_piped = $false }
    process { if ($MyInvocation.ExpectingInput) { $__pl_piped = $true; $__pl_items.Add($ActualValue) } }
    end {
        $actual = if ($__pl_piped) { if ($__pl_items.Count -eq 1) { $__pl_items[0] } else { , $__pl_items.ToArray() } } else { $ActualValue }
        $neg = [bool]$Not
        $say = { param($what) if ($neg) { "Expected not $what" } else { "Expected $what" } }

        if ($Throw) {
            $err = $null
            try { & $actual | Out-Null } catch { $err = $_ }
            if ($neg) {
                if ($err) { __pl_Fail "Expected no exception, but got '$($err.Exception.Message)' ($($err.FullyQualifiedErrorId))" $Because }
                return
            }
            if (-not $err) { __pl_Fail 'Expected an exception to be thrown, but none was' $Because }
            if ($ErrorId -and $err.FullyQualifiedErrorId -notlike "*$ErrorId*") { __pl_Fail "Expected error id '$ErrorId', but got '$($err.FullyQualifiedErrorId)' ($($err.Exception.Message))" $Because }
            if ($ExceptionType -and $err.Exception -isnot $ExceptionType) { __pl_Fail "Expected exception type $ExceptionType, but got $($err.Exception.GetType().FullName)" $Because }
            if ($ExpectedMessage -and $err.Exception.Message -notlike $ExpectedMessage) { __pl_Fail "Expected message like '$ExpectedMessage', but got '$($err.Exception.Message)'" $Because }
            return
        }

        $ok = $null; $what = ''
        if ($Be) {
            if ($actual -is [System.Collections.IEnumerable] -and $actual -isnot [string] -or $ExpectedValue -is [System.Collections.IEnumerable] -and $ExpectedValue -isnot [string]) {
                $a = @($actual); $e = @($ExpectedValue)
                $ok = $a.Count -eq $e.Count
                if ($ok) { for ($i = 0; $i -lt $a.Count; $i++) { if (-not ($a[$i] -eq $e[$i])) { $ok = $false; break } } }
            }
            else { $ok = $actual -eq $ExpectedValue }
            $what = "$(__pl_Format $ExpectedValue), but got $(__pl_Format $actual)"
        }
        elseif ($BeExactly) { $ok = $actual -ceq $ExpectedValue; $what = "exactly $(__pl_Format $ExpectedValue), but got $(__pl_Format $actual)" }
        elseif ($BeNullOrEmpty) { $ok = $null -eq $actual -or ($actual -is [string] -and $actual -eq '') -or ($actual -is [System.Collections.ICollection] -and $actual.Count -eq 0); $what = "`$null or empty, but got $(__pl_Format $actual)" }
        elseif ($BeTrue) { $ok = [bool]$actual; $what = "`$true, but got $(__pl_Format $actual)" }
        elseif ($BeFalse) { $ok = -not [bool]$actual; $what = "`$false, but got $(__pl_Format $actual)" }
        elseif ($BeGreaterThan) { $ok = $actual -gt $ExpectedValue; $what = "a value greater than $ExpectedValue, but got $(__pl_Format $actual)" }
        elseif ($BeLessThan) { $ok = $actual -lt $ExpectedValue; $what = "a value less than $ExpectedValue, but got $(__pl_Format $actual)" }
        elseif ($BeGreaterOrEqual) { $ok = $actual -ge $ExpectedValue; $what = "a value >= $ExpectedValue, but got $(__pl_Format $actual)" }
        elseif ($BeLessOrEqual) { $ok = $actual -le $ExpectedValue; $what = "a value <= $ExpectedValue, but got $(__pl_Format $actual)" }
        elseif ($BeOfType) { $t = if ($ExpectedValue -is [type]) { $ExpectedValue } else { [type]$ExpectedValue }; $ok = $actual -is $t; $what = "a value of type $t, but got $(if ($null -ne $actual) { $actual.GetType().FullName } else { '$null' })" }
        elseif ($HaveCount) { $n = if ($null -eq $actual) { 0 } else { @($actual).Count }; $ok = $n -eq $ExpectedValue; $what = "a collection of $ExpectedValue items, but got $n" }
        elseif ($Match) { $ok = "$actual" -match $ExpectedValue; $what = "'$actual' to match '$ExpectedValue'" }
        elseif ($MatchExactly) { $ok = "$actual" -cmatch $ExpectedValue; $what = "'$actual' to match exactly '$ExpectedValue'" }
        elseif ($BeLike) { $ok = "$actual" -like $ExpectedValue; $what = "'$actual' to be like '$ExpectedValue'" }
        elseif ($Contain) { $ok = @($actual) -contains $ExpectedValue; $what = "$(__pl_Format $actual) to contain $(__pl_Format $ExpectedValue)" }
        elseif ($BeIn) { $ok = @($ExpectedValue) -contains $actual; $what = "$(__pl_Format $actual) to be in $(__pl_Format $ExpectedValue)" }
        elseif ($Exist) { $ok = [System.IO.File]::Exists("$actual") -or [System.IO.Directory]::Exists("$actual"); $what = "path '$actual' to exist" }
        else { throw 'Should: no assertion operator given (PesterLite supports -Be, -BeExactly, -BeNullOrEmpty, -BeTrue, -BeFalse, -BeGreaterThan, -BeLessThan, -BeGreaterOrEqual, -BeLessOrEqual, -BeOfType, -HaveCount, -Match, -MatchExactly, -BeLike, -Contain, -BeIn, -Exist, -Throw)' }

        if ([bool]$ok -eq $neg) { __pl_Fail (& $say $what) $Because }
    }
}

function global:__pl_RunBlock($__pl_block, [string] $__pl_prefix, $__pl_results) {
    $__pl_path = if ($__pl_prefix -and $__pl_block.Name) { "$__pl_prefix > $($__pl_block.Name)" } else { "$__pl_prefix$($__pl_block.Name)" }
    if ($__pl_block.Data -is [System.Collections.IDictionary]) { foreach ($__pl_k in $__pl_block.Data.Keys) { $ExecutionContext.SessionState.PSVariable.Set($__pl_k, $__pl_block.Data[$__pl_k]) } }
    elseif ($null -ne $__pl_block.Data) { $ExecutionContext.SessionState.PSVariable.Set('_', $__pl_block.Data) }
    $__pl_setupError = $null
    try { foreach ($__pl_sb in $__pl_block.BeforeAll) { . $__pl_sb } } catch { $__pl_setupError = $_ }

    foreach ($__pl_test in $__pl_block.Tests) {
        $__pl_sw = [System.Diagnostics.Stopwatch]::StartNew()
        $__pl_result = 'Passed'; $__pl_message = ''
        if ($__pl_test.Skip) { $__pl_result = 'Skipped' }
        elseif ($__pl_setupError) { $__pl_result = 'Failed'; $__pl_message = "BeforeAll failed: $($__pl_setupError.Exception.Message) $($__pl_setupError.InvocationInfo.PositionMessage)" }
        else {
            try {
                & {
                    $__pl_chain = [System.Collections.Generic.List[object]]::new()
                    for ($__pl_b = $__pl_block; $null -ne $__pl_b; $__pl_b = $__pl_b.Parent) { $__pl_chain.Insert(0, $__pl_b) }
                    if ($__pl_test.Data -is [System.Collections.IDictionary]) { foreach ($__pl_k in $__pl_test.Data.Keys) { $ExecutionContext.SessionState.PSVariable.Set($__pl_k, $__pl_test.Data[$__pl_k]) } }
                    elseif ($__pl_test.HasData) { $ExecutionContext.SessionState.PSVariable.Set('_', $__pl_test.Data) }
                    try {
                        foreach ($__pl_b in $__pl_chain) { foreach ($__pl_sb in $__pl_b.BeforeEach) { . $__pl_sb } }
                        $null = . $__pl_test.Body
                    }
                    finally {
                        for ($__pl_i = $__pl_chain.Count - 1; $__pl_i -ge 0; $__pl_i--) { foreach ($__pl_sb in $__pl_chain[$__pl_i].AfterEach) { . $__pl_sb } }
                    }
                }
            }
            catch {
                $__pl_result = 'Failed'
                $__pl_message = $_.Exception.Message -replace '^PesterLiteAssertion: ', ''
                # Point at the test file, not at the runner's throw.
                $__pl_where = @("$($_.ScriptStackTrace)" -split "`n" | Where-Object { $_ -notmatch 'PesterLite\.ps1' -and $_ -match ', .+: line \d+' })
                if ($__pl_where.Count -gt 0) { $__pl_message += "`n" + $__pl_where[0] }
                elseif ($_.InvocationInfo) { $__pl_message += "`n" + $_.InvocationInfo.PositionMessage }
            }
        }
        $__pl_results.Add([pscustomobject]@{ Path = "$__pl_path > $($__pl_test.Name)"; Name = $__pl_test.Name; Line = $__pl_test.Line; Result = $__pl_result; Message = $__pl_message; Milliseconds = $__pl_sw.ElapsedMilliseconds })
    }

    foreach ($__pl_child in $__pl_block.Blocks) { __pl_RunBlock $__pl_child $__pl_path $__pl_results }
    foreach ($__pl_sb in $__pl_block.AfterAll) { try { . $__pl_sb } catch { } }
}

function global:Invoke-PesterLite {
    param([Parameter(Mandatory)][string] $Path)
    $global:__pl_root = __pl_NewBlock '' $null
    $global:__pl_current = $global:__pl_root
    $results = [System.Collections.Generic.List[object]]::new()
    $testDrive = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'pesterlite-' + [guid]::NewGuid().ToString('N'))
    [void][System.IO.Directory]::CreateDirectory($testDrive)
    try {
        try { . $Path }
        catch {
            $results.Add([pscustomobject]@{ Path = "discovery of $Path"; Name = 'discovery'; Line = 0; Result = 'Failed'; Message = "$($_.Exception.Message) $($_.InvocationInfo.PositionMessage)"; Milliseconds = 0 })
            return $results
        }
        $TestDrive = $testDrive
        __pl_RunBlock $global:__pl_root '' $results
        $results
    }
    finally {
        try { [System.IO.Directory]::Delete($testDrive, $true) } catch { }
    }
}
