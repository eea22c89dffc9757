# Every example in the cmdlets' help runs as pasted: each in a fresh runspace with the module, in an empty folder,
# on the built-in demo subject (generated once into this file's TestDrive). An example that shows a user's own data
# says so in its first line (# Your data: ...) and is skipped; every cmdlet keeps at least one example that runs.
BeforeDiscovery {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    # A 300-volume 2 mm subject takes half a minute to generate: it is shown to work by Get-SeedCorrDemoData's tests
    # with other sizes and by bench/, not here.
    $tooLong = @('A 2 mm subject for benchmarks')
    $examples = foreach ($name in (Get-Module SeedCorr).ExportedCmdlets.Keys | Sort-Object) {
        $i = 0
        foreach ($ex in (Get-Help $name -Full).examples.example) {
            $i++
            $title = ($ex.title -replace '^-+\s*Example \d+:\s*' -replace '\s*-+$').Trim()
            $code = [string]$ex.code
            @{ Name = $name; Index = $i; Title = $title; Code = $code; Skip = $title -in $tooLong -or $code -match '^# Your data:' }
        }
    }
}

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $saved = $env:SEEDCORR_CACHE
    $env:SEEDCORR_CACHE = Join-Path $TestDrive 'demo-cache'
    $null = Get-SeedCorrDemoData
    $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
    $iss.ImportPSModule([string[]]@($env:SEEDCORR_MODULE_PATH))
}

AfterAll { $env:SEEDCORR_CACHE = $saved }

Describe 'Help examples' {
    It 'every cmdlet has at least one example that runs' {
        @($examples | Group-Object { $_.Name } | Where-Object { -not ($_.Group | Where-Object { -not $_.Skip }) }).Name | Should -BeNullOrEmpty
    }
}

Describe 'Help example <Index> of <Name>: <Title>' -ForEach $examples {
    It 'runs as pasted without an error' -Skip:$Skip {
        $folder = Join-Path $TestDrive "$Name-$Index"
        New-Item -ItemType Directory -Path $folder | Out-Null
        $ps = [powershell]::Create($iss)
        try {
            $null = $ps.AddScript("Set-Location -LiteralPath '$folder'; `$ErrorActionPreference = 'Stop'").AddStatement().AddScript($Code)
            $null = $ps.Invoke()
            @($ps.Streams.Error | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" }) | Should -BeNullOrEmpty
        }
        finally { $ps.Runspace.Dispose(); $ps.Dispose() }
    }
}
