# The single-node Slurm cluster that tests/setup/slurm.sh starts (CI runs it before the tests) runs a job array whose
# tasks are pwsh processes with the module, selected by SLURM_ARRAY_TASK_ID: the pattern the cluster cmdlets use.
# Without a cluster the file fails, unless SEEDCORR_SKIP_SLURM=1 says to skip it (with the reason printed).
BeforeDiscovery {
    $noSlurm = -not (Get-Command sbatch -ErrorAction SilentlyContinue)
    $skip = $noSlurm -and $env:SEEDCORR_SKIP_SLURM -eq '1'
    if ($skip) { Write-Warning 'Slurm is not installed and SEEDCORR_SKIP_SLURM=1: the cluster tests are skipped (run tests/setup/slurm.sh as root).' }
}

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $pwsh = @([Environment]::ProcessPath)
    if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += Join-Path $PSHOME 'pwsh.dll' }
}

Describe 'A real Slurm cluster' -Skip:$skip {
    It 'has a node that is up and takes jobs' {
        Get-Command sbatch, squeue, sinfo -ErrorAction Stop | Should -HaveCount 3
        # idle, or busy with another test's jobs (mixed/allocated); never down, drained or unknown.
        @(& sinfo -h -o '%T') | Should -BeIn @('idle', 'mixed', 'allocated', 'completing')
    }

    It 'runs a job array of pwsh tasks that use the module' {
        $dir = Join-Path $TestDrive 'array'
        New-Item -ItemType Directory -Path $dir | Out-Null
        $files = @(Get-ChildItem $SmallData -Filter *.nii.gz | Select-Object -ExpandProperty FullName) + @(Join-Path $NiftiData 'valid' 'large_4d_float32.nii.gz')
        $list = Join-Path $dir 'inputs.txt'
        Set-Content -LiteralPath $list -Value $files
        $task = Join-Path $dir 'task.ps1'
        Set-Content -LiteralPath $task -Value @"
Import-Module '$env:SEEDCORR_MODULE_PATH'
`$i = [int]`$env:SLURM_ARRAY_TASK_ID
`$file = (Get-Content -LiteralPath '$list')[`$i]
"`$((Import-Nifti -LiteralPath `$file -HeaderOnly).Shape -join 'x')" | Set-Content -LiteralPath (Join-Path '$dir' "task_`$i.txt")
"@
        $command = ($pwsh + @('-NoProfile', '-NonInteractive', '-File', $task) | ForEach-Object { "'$_'" }) -join ' '
        $last = $files.Count - 1
        $jobId = & sbatch --parsable "--array=0-$last" --job-name=seedcorr-test "--output=$dir/slurm_%A_%a.log" --chdir=$dir --wrap $command
        $LASTEXITCODE | Should -Be 0
        $jobId | Should -Match '^\d+$'
        $deadline = [DateTime]::UtcNow.AddMinutes(5)
        while (@(& squeue -h -j $jobId).Count -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 500 }
        @(& squeue -h -j $jobId) | Should -BeNullOrEmpty -Because 'every task finished within 5 minutes'
        foreach ($i in 0..$last) {
            $out = Join-Path $dir "task_$i.txt"
            $out | Should -Exist -Because (Get-Content (Join-Path $dir "slurm_${jobId}_$i.log") -Raw -ErrorAction SilentlyContinue)
            (Get-Content $out) | Should -Be ((Import-Nifti -LiteralPath $files[$i] -HeaderOnly).Shape -join 'x')
        }
    }
}
