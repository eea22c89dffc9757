# The example's two extractions through the cmdlets, in one pwsh process: the two-cmdlet form (New-SphereMasker
# -LiteralPath, then New-BrainMasker -LiteralPath: two reads of the file) against New-BrainMasker -Seed (one read).
# After a warm-up of each, RUNS interleaved runs; min / median / max in ms. Used by bench/run-passes.sh.
param([Parameter(Mandatory)] [string] $FuncPath, [int] $Runs = 7)
$sphere = New-SphereMasker -Coordinate 0, -52, 18 -Radius 8
$two = { $null = New-SphereMasker -Coordinate 0, -52, 18 -Radius 8 -LiteralPath $FuncPath; $null = New-BrainMasker -SmoothingFwhm 6 -LiteralPath $FuncPath }
$one = { $null = New-BrainMasker -SmoothingFwhm 6 -Seed $sphere -LiteralPath $FuncPath }
& $two; & $one
$times = @{ one = [System.Collections.Generic.List[double]]::new(); two = [System.Collections.Generic.List[double]]::new() }
for ($r = 0; $r -lt $Runs; $r++) {
    foreach ($form in 'one', 'two') {
        [System.GC]::Collect()
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        if ($form -eq 'one') { & $one } else { & $two }
        $times[$form].Add($sw.Elapsed.TotalMilliseconds)
    }
}
foreach ($form in 'one', 'two') {
    $s = @($times[$form] | Sort-Object)
    '{0}: {1:0} / {2:0} / {3:0} ms' -f $(if ($form -eq 'one') { 'New-BrainMasker -Seed (one read)' } else { 'New-SphereMasker + New-BrainMasker (two reads)' }), $s[0], $s[[int][math]::Floor($s.Count / 2)], $s[-1]
}
