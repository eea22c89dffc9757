BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $id = 'SeedCorr.PowerShell.Commands.ExportSeedCorrReportCommand'
    # The study fixture copied, sub-04's BOLD cut to half its bytes (that run fails when its voxels are read),
    # scrubbing at FD 0.3 mm (volumes censored), then the group test of the PCC maps.
    $fmriprep = Join-Path $TestDrive 'fmriprep'
    Copy-Item -Recurse -LiteralPath ([System.IO.Path]::Combine($RepoRoot, 'tests', 'data', 'study', 'derivatives', 'fmriprep')) -Destination $fmriprep
    $bold = Get-ChildItem -LiteralPath (Join-Path $fmriprep 'sub-04/func') -Filter '*_bold.nii.gz'
    $bytes = [System.IO.File]::ReadAllBytes($bold.FullName)
    [System.IO.File]::WriteAllBytes($bold.FullName, $bytes[0..([int]($bytes.Length / 2))])
    $Study = Join-Path $TestDrive 'seedcorr'
    $seeds = New-SphereSeed -Name PCC, LAG -Coordinate (0, -52, 18), (-46, -66, 32) -Radius 8
    $null = Get-FmriprepRun -LiteralPath $fmriprep |
        Invoke-SeedToVoxel -Seed $seeds -MinimumDegreesOfFreedom -10 -DenoiseStrategy Scrubbing -FdThreshold 0.3 -OutputDirectory $Study -ErrorAction SilentlyContinue
    $null = Get-ChildItem -LiteralPath $Study -Recurse -Filter '*_stat-fisherz_desc-PCC_boldmap.nii.gz' | Invoke-OneSampleTest -OutputDirectory $Study
}

Describe 'Export-SeedCorrReport' {
    Context 'on a study with a failed run and group maps' {
        BeforeAll {
            $report = Join-Path $TestDrive 'report.html'
            $file = Export-SeedCorrReport -Path $Study -LiteralPath $report -PassThru
            $html = Get-Content -Raw -LiteralPath $report
        }

        It 'writes one HTML file and outputs it with -PassThru' {
            $file | Should -BeOfType ([System.IO.FileInfo])
            $file.FullName | Should -Be $report
            $html | Should -Match '^<!DOCTYPE html>'
            @(Get-ChildItem -LiteralPath $TestDrive -Filter '*.tmp' -Force).Count | Should -Be 0
        }

        It 'lists the failed run with the message of its status file' {
            $status = Get-Content -Raw -LiteralPath (Join-Path $Study 'logs/sub-04_task-rest_status.json') | ConvertFrom-Json
            $status.Status | Should -Be 'Failed'
            $html | Should -Match ('<tr data-run="sub-04_task-rest">.*?<td class="message">' + [regex]::Escape([System.Net.WebUtility]::HtmlEncode($status.Error.Message)) + '</td>')
        }

        It 'shows the censored volumes of each run as its seed-table sidecar records them' {
            foreach ($run in 'sub-01_task-rest', 'sub-02_task-rest', 'sub-03_task-rest_run-1', 'sub-03_task-rest_run-2') {
                $sidecar = Get-ChildItem -LiteralPath $Study -Recurse -Filter "${run}_desc-seeds_timeseries.json" | Get-Content -Raw | ConvertFrom-Json
                $start = $html.IndexOf("<section class=`"run`" id=`"run-$run`"")
                $section = $html.Substring($start, $html.IndexOf('</section>', $start) - $start)
                $marked = @([regex]::Matches($section, 'class="censored" data-volume="(\d+)"') | ForEach-Object { [int]$_.Groups[1].Value })
                $marked | Should -Be @($sidecar.SeedCorr.CensoredVolumes)
                $section | Should -Match ('data-dof="' + $sidecar.SeedCorr.DegreesOfFreedom + '"')
            }
        }

        It 'draws the group z map of the PCC seed' {
            $html | Should -Match '<figure class="statmap" data-group-seed="PCC" data-stat="z"'
            $html | Should -Match '3 subjects'
        }

        It 'embeds every figure: no script and no URL but data: and in-page links' {
            $html | Should -Not -Match '<script'
            $urls = @([regex]::Matches($html, '(?:src|href)="([^"]*)"') | ForEach-Object { $_.Groups[1].Value })
            $urls | Where-Object { $_ -notmatch '^(data:image/png;base64,|#)' } | Should -BeNullOrEmpty
            @($urls | Where-Object { $_ -like 'data:*' }).Count | Should -Be 9   # 4 runs x 2 seeds + 1 group map
        }
    }

    Context 'paths and conventions' {
        It 'takes the study folder from the pipeline and positions' {
            $target = Join-Path $TestDrive 'piped.html'
            Get-Item -LiteralPath $Study | Export-SeedCorrReport -LiteralPath $target
            Test-Path -LiteralPath $target | Should -BeTrue
            Push-Location $TestDrive
            try { Export-SeedCorrReport seedcorr positional.html; Test-Path positional.html | Should -BeTrue }
            finally { Pop-Location }
        }

        It 'writes nothing with -WhatIf' {
            $target = Join-Path $TestDrive 'whatif.html'
            Export-SeedCorrReport -Path $Study -LiteralPath $target -WhatIf
            Test-Path -LiteralPath $target | Should -BeFalse
        }

        It 'refuses to replace a file with -NoClobber, and a read-only one without -Force' {
            $target = Join-Path $TestDrive 'kept.html'
            Set-Content -LiteralPath $target -Value 'old'
            { Export-SeedCorrReport -Path $Study -LiteralPath $target -NoClobber -ErrorAction Stop } | Should -Throw -ErrorId "FileExists,$id"
            (Get-Item -LiteralPath $target).Attributes = 'ReadOnly'
            if (-not $IsWindows) { chmod 444 $target }
            { Export-SeedCorrReport -Path $Study -LiteralPath $target -ErrorAction Stop } | Should -Throw -ErrorId "FileReadOnly,$id"
            Get-Content -LiteralPath $target | Should -Be 'old'
            Export-SeedCorrReport -Path $Study -LiteralPath $target -Force
            Get-Content -Raw -LiteralPath $target | Should -Match '^<!DOCTYPE html>'
        }

        It 'names a missing folder, an empty folder and a wrong extension' {
            { Export-SeedCorrReport -Path (Join-Path $TestDrive 'nowhere') -LiteralPath (Join-Path $TestDrive 'x.html') -ErrorAction Stop } | Should -Throw -ErrorId "ReportStudyNotFound,$id"
            $empty = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'empty')
            { Export-SeedCorrReport -Path $empty.FullName -LiteralPath (Join-Path $TestDrive 'x.html') -ErrorAction Stop } | Should -Throw -ErrorId "ReportStudyEmpty,$id"
            { Export-SeedCorrReport -Path $Study -LiteralPath (Join-Path $TestDrive 'x.pdf') -ErrorAction Stop } | Should -Throw -ErrorId "ReportFormatUnsupported,$id"
            Test-Path -LiteralPath (Join-Path $TestDrive 'x.html') | Should -BeFalse
        }

        It 'warns about a broken sidecar and still writes the report' {
            $copy = Join-Path $TestDrive 'broken'
            Copy-Item -Recurse -LiteralPath $Study -Destination $copy
            $sidecar = Get-ChildItem -LiteralPath $copy -Recurse -Filter 'sub-02_task-rest_desc-seeds_timeseries.json'
            Set-Content -LiteralPath $sidecar.FullName -Value '{ not json'
            $target = Join-Path $TestDrive 'broken.html'
            Export-SeedCorrReport -Path $copy -LiteralPath $target -WarningVariable warned -WarningAction SilentlyContinue
            $warned.Count | Should -Be 1
            "$($warned[0])" | Should -BeLike "*sub-02_task-rest_desc-seeds_timeseries.json*not valid JSON*"
            Get-Content -Raw -LiteralPath $target | Should -Match '<ul id="problems"><li>[^<]*sub-02_task-rest_desc-seeds_timeseries.json'
        }
    }
}
