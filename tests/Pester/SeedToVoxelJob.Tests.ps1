BeforeDiscovery {
    # -Skip is decided at discovery: only where Slurm is absent and SEEDCORR_SKIP_SLURM=1 says to skip.
    $SkipSlurm = -not (Get-Command sbatch -ErrorAction SilentlyContinue) -and $env:SEEDCORR_SKIP_SLURM -eq '1'
}

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $StudyData = [System.IO.Path]::Combine($RepoRoot, 'tests', 'data', 'study')
    $Fmriprep = [System.IO.Path]::Combine($StudyData, 'derivatives', 'fmriprep')
    $Seeds = New-SphereSeed -Name PCC, LAG, SMA -Coordinate (0, -52, 18), (-46, -66, 32), (0, -20, 64) -Radius 8
    $Atlas = Import-SeedAtlas -LiteralPath (Join-Path $StudyData 'atlas/dmn_labels_2mm.nii.gz') -LabelsTable (Join-Path $StudyData 'atlas/dmn_labels.tsv') -Name DMN
    # nilearn counts no degrees of freedom; these 80-volume fixture runs have -1 left by XCP-D's count.
    $Fixture = @{ Seed = @($Seeds) + $Atlas; MinimumDegreesOfFreedom = -10 }
    $Bold2 = 'sub-02/func/sub-02_task-rest_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz'

    # The reference: the same study run here by Invoke-SeedToVoxel on the fixture itself.
    $Local = Join-Path $TestDrive 'local'
    $null = Get-FmriprepRun -LiteralPath $Fmriprep | Invoke-SeedToVoxel @Fixture -OutputDirectory $Local -ThrottleLimit 2

    # Every map of a study folder, by its path under the folder, with its SHA-256.
    function Get-MapHash([string] $Root, [string] $Subject = '*') {
        $maps = @{}
        foreach ($f in Get-ChildItem -LiteralPath $Root -Recurse -File -Filter '*_boldmap.nii.gz' | Where-Object Name -like "sub-$($Subject)_*") {
            $maps[[System.IO.Path]::GetRelativePath($Root, $f.FullName)] = (Get-FileHash -LiteralPath $f.FullName -Algorithm SHA256).Hash
        }
        $maps
    }

    function Assert-SameMaps([string] $Root, [string] $Subject) {
        $theirs = Get-MapHash $Local $Subject
        $ours = Get-MapHash $Root $Subject
        $theirs.Count | Should -BeGreaterThan 0
        @($ours.Keys | Sort-Object) | Should -Be @($theirs.Keys | Sort-Object)
        foreach ($k in $theirs.Keys) { $ours[$k] | Should -Be $theirs[$k] -Because $k }
    }

    $SlurmReady = [bool](Get-Command sbatch -ErrorAction SilentlyContinue)
    $SkipSlurm = -not $SlurmReady -and $env:SEEDCORR_SKIP_SLURM -eq '1'
    if ($SkipSlurm) { Write-Host 'Slurm is not installed and SEEDCORR_SKIP_SLURM=1: the Slurm tests of SeedToVoxelJob.Tests.ps1 are skipped' }
}

Describe 'Submit-SeedToVoxelJob on a real Slurm' {
    BeforeAll {
        if ($SkipSlurm) { return }
        if (-not $SlurmReady) { throw 'sbatch is not on the PATH: run tests/setup/slurm.sh as root (or set SEEDCORR_SKIP_SLURM=1 to skip)' }
        # A copy of the fixture whose sub-02 BOLD is cut short: its task must fail, the other three succeed.
        $root = Join-Path $TestDrive 'slurm/fmriprep'
        Copy-Item -Recurse -LiteralPath $Fmriprep -Destination $root
        $bold = Join-Path $root $Bold2
        $bytes = [System.IO.File]::ReadAllBytes($bold)
        [System.IO.File]::WriteAllBytes($bold, $bytes[0..($bytes.Length / 2)])
        $out = Join-Path $TestDrive 'slurm/seedcorr'
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $job = Get-FmriprepRun -LiteralPath $root | Submit-SeedToVoxelJob @Fixture -OutputDirectory $out -Scheduler Slurm -Partition seedcorr -TimeLimit 00:10:00 -ArrayLimit 2
        $submitted = $clock.Elapsed.TotalSeconds
        $first = @($job | Wait-SeedToVoxelJob -PollInterval 0.5 -Timeout 600)
        Write-Host ("Slurm: submitted in {0:0.00} s, the 4-task array ended after {1:0.0} s" -f $submitted, $clock.Elapsed.TotalSeconds)
    }

    It 'submits one array of 4 tasks, one per subject, with the parameters file and logs beside the outputs' -Skip:$SkipSlurm {
        $job | Should -BeOfType ([SeedCorr.Core.Cluster.SeedToVoxelJob])
        $job.Scheduler | Should -Be 'Slurm'
        $job.JobId | Should -BeGreaterThan 0
        $job.Tasks.Subject | Should -Be @('01', '02', '03', '04')
        $job.Tasks[2].Runs | Should -Be @('sub-03_task-rest_run-1', 'sub-03_task-rest_run-2')
        $job.ParameterFile | Should -Be (Join-Path $out 'code/seedcorr/parameters.json')
        $job.LogPaths | Should -Be @(0..3 | ForEach-Object { Join-Path $out "logs/seedcorr-$($job.JobId)-$_.out" })
        Get-Content -Raw $job.ScriptPath | Should -Match "(?m)^#SBATCH --array=0-3%2$"
    }

    It 'reports the task of the corrupt BOLD Failed with its exit code and error, the others Succeeded' -Skip:$SkipSlurm {
        $first.TaskIndex | Should -Be @(0, 1, 2, 3)
        $first.Status | Should -Be @('Succeeded', 'Failed', 'Succeeded', 'Succeeded')
        $first[1].ExitCode | Should -Be 1
        $first[1].RunsFailed | Should -Be 1
        $first[1].Error | Should -Match '^sub-02_task-rest: '
        $first[2].RunsSucceeded | Should -Be 2
        $first[0].ExitCode | Should -Be 0
        foreach ($t in $first) { Test-Path -LiteralPath $t.LogPath | Should -BeTrue }
        Get-Content -Raw $first[1].LogPath | Should -Match 'sub-02_task-rest'
    }

    It 'writes maps bit-identical to those of the local run' -Skip:$SkipSlurm {
        foreach ($s in '01', '03', '04') { Assert-SameMaps $out $s }
        Get-MapHash $out '02' | Should -BeNullOrEmpty
    }

    It 'resubmits the failed task alone once the file is fixed, and it succeeds' -Skip:$SkipSlurm {
        Copy-Item -LiteralPath (Join-Path $Fmriprep $Bold2) -Destination (Join-Path $root $Bold2) -Force
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $again = @(Get-SeedToVoxelJob -OutputDirectory $out -Resubmit Failed)
        $again[1].Attempts | Should -Be 2
        $again[1].JobId | Should -Not -Be $job.JobId
        $again[0].JobId | Should -Be $job.JobId
        $again[1].Status | Should -BeIn @('Pending', 'Running', 'Succeeded')
        $done = @(Wait-SeedToVoxelJob -OutputDirectory $out -PollInterval 0.5 -Timeout 600)
        Write-Host ("Slurm: the resubmitted task ended after {0:0.0} s" -f $clock.Elapsed.TotalSeconds)
        $done.Status | Should -Be @('Succeeded', 'Succeeded', 'Succeeded', 'Succeeded')
        $done[1].LogPath | Should -Be (Join-Path $out "logs/seedcorr-$($again[1].JobId)-1.out")
        Assert-SameMaps $out '02'
        (Get-Content -Raw (Join-Path $out 'code/seedcorr/job.json') | ConvertFrom-Json).ArrayJobIds.Count | Should -Be 2
    }

    It 'is one study with a local run: Invoke-SeedToVoxel on the same folder finds every run up to date' -Skip:$SkipSlurm {
        $local = @(Get-FmriprepRun -LiteralPath $root | Invoke-SeedToVoxel @Fixture -OutputDirectory $out)
        $local.Status | Should -Be @('Skipped', 'Skipped', 'Skipped', 'Skipped', 'Skipped')
    }
}

Describe 'Submit-SeedToVoxelJob without submitting' {
    It '-ScriptOnly writes the batch script with every #SBATCH request, and the parameters file, and submits nothing' {
        $out = Join-Path $TestDrive 'script/seedcorr'
        $path = Join-Path $TestDrive 'script/job.sbatch'
        $file = Get-FmriprepRun -LiteralPath $Fmriprep | Submit-SeedToVoxelJob @Fixture -OutputDirectory $out -Partition gpu -TimeLimit (New-TimeSpan -Days 1 -Minutes 30) -MemoryGB 2.5 -CpusPerTask 4 -ArrayLimit 3 -SbatchArgument '--account=lab', '--qos=short' -ScriptOnly $path
        $file | Should -BeOfType ([System.IO.FileInfo])
        $file.FullName | Should -Be $path
        $lines = Get-Content -LiteralPath $path
        $lines[0] | Should -Be '#!/bin/bash'
        $sbatch = @($lines | Where-Object { $_ -like '#SBATCH *' })
        $sbatch | Should -Be @(
            '#SBATCH --job-name=seedcorr', '#SBATCH --array=0-3%3', "#SBATCH --output=$out/logs/%x-%A-%a.out", "#SBATCH --chdir=$out", '#SBATCH --ntasks=1',
            '#SBATCH --partition=gpu', '#SBATCH --time=1-00:30:00', '#SBATCH --mem=2560M', '#SBATCH --cpus-per-task=4', '#SBATCH --account=lab', '#SBATCH --qos=short')
        $lines[-1] | Should -BeLike 'exec *'
        $lines[-1] | Should -Match ([regex]::Escape($env:SEEDCORR_MODULE_PATH))
        $lines[-1] | Should -Match 'Invoke-SeedToVoxel -ParameterFile'
        $p = Get-Content -Raw (Join-Path $out 'code/seedcorr/parameters.json') | ConvertFrom-Json
        $p.Tasks.Subject | Should -Be @('01', '02', '03', '04')
        $p.Options.MinimumDegreesOfFreedom | Should -Be -10
        Test-Path (Join-Path $out 'code/seedcorr/job.json') | Should -BeFalse
        Test-Path (Join-Path $out 'sub-01') | Should -BeFalse
    }

    It '-WhatIf shows the script and writes and submits nothing' {
        # What if: lines go to the host, so a fresh pwsh's output is read.
        $out = Join-Path $TestDrive 'whatif/seedcorr'
        $script = Join-Path $TestDrive 'whatif.ps1'
        Set-Content -LiteralPath $script -Value @"
Import-Module '$($env:SEEDCORR_MODULE_PATH)'
Get-FmriprepRun -LiteralPath '$Fmriprep' | Submit-SeedToVoxelJob -Seed (New-SphereSeed -Name PCC -Coordinate 0, -52, 18 -Radius 8) -OutputDirectory '$out' -Scheduler Slurm -Partition seedcorr -WhatIf
"@
        $shown = Invoke-FreshPwsh -ArgumentList '-File', $script
        $shown.ExitCode | Should -Be 0
        $shown.StdOut | Should -Match 'What if: .*Submit a Slurm job array of 4 task'
        $shown.StdOut | Should -Match '(?m)^#SBATCH --array=0-3$'
        $shown.StdOut | Should -Match '(?m)^#SBATCH --partition=seedcorr$'
        Test-Path -LiteralPath $out | Should -BeFalse
    }
}

Describe 'Submit-SeedToVoxelJob -Scheduler Local (the default)' {
    BeforeAll {
        $out = Join-Path $TestDrive 'here/seedcorr'
        $job = Get-FmriprepRun -LiteralPath $Fmriprep -Subject '01', '04' | Submit-SeedToVoxelJob @Fixture -OutputDirectory $out
    }

    It 'runs each task here through the task command, and records exit codes and logs' {
        $job.Scheduler | Should -Be 'Local'
        $job.JobId | Should -BeNullOrEmpty
        $job.Tasks.ExitCode | Should -Be @(0, 0)
        $states = @(Get-SeedToVoxelJob -OutputDirectory $out)
        $states.Status | Should -Be @('Succeeded', 'Succeeded')
        $states.Subject | Should -Be @('01', '04')
        $states[1].LogPath | Should -Be (Join-Path $out 'logs/seedcorr-local-1.out')
        Get-Content -Raw $states[1].LogPath | Should -Match 'sub-04_task-rest\s+Succeeded'
    }

    It 'writes maps bit-identical to those of Invoke-SeedToVoxel' {
        Assert-SameMaps $out '01'
        Assert-SameMaps $out '04'
    }

    It 'resubmits nothing when nothing failed' {
        $states = @(Get-SeedToVoxelJob -OutputDirectory $out -Resubmit Failed)
        $states.Attempts | Should -Be @(1, 1)
    }
}

Describe 'Invoke-SeedToVoxel -ParameterFile' {
    BeforeAll {
        $id = 'SeedCorr.PowerShell.Commands.InvokeSeedToVoxelCommand'
        $out = Join-Path $TestDrive 'task/seedcorr'
        $script = Join-Path $TestDrive 'task/job.sbatch'
        $null = Get-FmriprepRun -LiteralPath $Fmriprep | Submit-SeedToVoxelJob @Fixture -OutputDirectory $out -ScriptOnly $script
        $parameters = Join-Path $out 'code/seedcorr/parameters.json'
    }

    It 'runs the task given by -TaskIndex, as the local run' {
        $r = @(Invoke-SeedToVoxel -ParameterFile $parameters -TaskIndex 2)
        $r.SourceEntities | Should -Be @('sub-03_task-rest_run-1', 'sub-03_task-rest_run-2')
        $r.Status | Should -Be @('Succeeded', 'Succeeded')
        Assert-SameMaps $out '03'
    }

    It 'takes the task from SLURM_ARRAY_TASK_ID' {
        $env:SLURM_ARRAY_TASK_ID = '3'
        try { $r = @(Invoke-SeedToVoxel -ParameterFile $parameters) } finally { Remove-Item Env:SLURM_ARRAY_TASK_ID }
        $r.SourceEntities | Should -Be @('sub-04_task-rest')
    }

    It 'refuses a task the file does not have' {
        { Invoke-SeedToVoxel -ParameterFile $parameters -TaskIndex 4 } | Should -Throw -ErrorId "SeedToVoxelTaskIndexInvalid,$id"
    }

    It 'refuses study parameters that the file already holds' {
        { Invoke-SeedToVoxel -ParameterFile $parameters -TaskIndex 0 -DenoiseStrategy Scrubbing } | Should -Throw -ErrorId "StudyParameterInvalid,$id"
    }

    It 'refuses a damaged parameters file, naming it' {
        $bad = Join-Path $TestDrive 'task/bad.json'
        (Get-Content -Raw $parameters) -replace '"Standardize": "ZScoreSample"', '"Standardize": "zscore"' | Set-Content -LiteralPath $bad
        { Invoke-SeedToVoxel -ParameterFile $bad -TaskIndex 0 } | Should -Throw -ErrorId "SeedToVoxelJobInvalid,$id"
    }
}

Describe 'Get-SeedToVoxelJob and Wait-SeedToVoxelJob' {
    It 'say a folder without a job has none' {
        $err = $null
        Get-SeedToVoxelJob -OutputDirectory $TestDrive -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'SeedToVoxelJobInvalid,SeedCorr.PowerShell.Commands.GetSeedToVoxelJobCommand'
        $err[0].ToString() | Should -Match 'job\.json does not exist'
        Wait-SeedToVoxelJob -OutputDirectory $TestDrive -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
