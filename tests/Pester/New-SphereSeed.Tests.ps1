BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $id = 'SeedCorr.PowerShell.Commands.NewSphereSeedCommand'
}

Describe 'New-SphereSeed' {
    It 'makes one seed per coordinate with the names given' {
        $seeds = @(New-SphereSeed -Name PCC, LAG -Coordinate (0, -52, 18), (-46, -66, 32) -Radius 8)
        $seeds.Count | Should -Be 2
        $seeds[0] | Should -BeOfType ([SeedCorr.Core.Seeds.SphereSeed])
        $seeds.Name | Should -Be @('PCC', 'LAG')
        $seeds[1].Center.X | Should -Be -46
        $seeds[1].Center.Z | Should -Be 32
        $seeds[1].Radius | Should -Be 8
    }

    It 'names seeds by their coordinates when no name is given' {
        (New-SphereSeed 0, -52, 18 8).Label | Should -Be 'x0ym52z18'
        (New-SphereSeed '-46.5,0,12' -Radius 4).Label | Should -Be 'xm46p5y0z12'
    }

    It 'removes characters BIDS labels do not allow' {
        (New-SphereSeed -Name 'L_AG (Power)' -Coordinate -46, -66, 32 -Radius 6).Label | Should -Be 'LAGPower'
    }

    It 'refuses <Case> with a stable id' -ForEach @(
        @{ Case = 'a name count that does not match'; Splat = @{ Name = 'A'; Coordinate = @(@(0, 0, 0), @(1, 1, 1)); Radius = 5 } }
        @{ Case = 'names that collide as labels'; Splat = @{ Name = 'L-AG', 'L_AG'; Coordinate = @(@(0, 0, 0), @(1, 1, 1)); Radius = 5 } }
    ) {
        { New-SphereSeed @Splat -ErrorAction Stop } | Should -Throw -ErrorId "SeedParameterInvalid,$id"
    }

    It 'refuses a negative radius at binding' {
        { New-SphereSeed 0, 0, 0 -Radius -1 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,SeedCorr.PowerShell.Commands.NewSphereSeedCommand'
    }

    It 'shows a table view' {
        $text = New-SphereSeed -Name PCC -Coordinate 0, -52, 18 -Radius 8 | Out-String
        $text | Should -Match 'PCC\s+PCC\s+\(0, -52, 18\)\s+8 mm'
    }
}
