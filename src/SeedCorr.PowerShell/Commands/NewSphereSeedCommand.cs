using SeedCorr.Core.Geometry;
using System.Management.Automation;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Seeds;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Defines sphere seeds (names, centres in world mm, a radius) once, to apply to every run.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "SphereSeed")]
[OutputType(typeof(SphereSeed))]
public sealed class NewSphereSeedCommand : SeedCorrCmdlet
{
    /// <summary>Centres in world mm: 0,-52,18 for one seed, (0,-52,18),(-46,-66,32) for several.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("Coordinates", "Center")]
    [WorldPointTransformation]
    public object Coordinate { get; set; } = Array.Empty<WorldPoint>(); // object: an array type would make PowerShell transform element by element

    /// <summary>Sphere radius in mm (inclusive); 0 is the nearest voxel only.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateRange(0.0, 1000.0)]
    public double Radius { get; set; }

    /// <summary>One name per coordinate; without names each seed is named by its coordinates (x0ym52z18).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        try
        {
            WriteObject(SphereSeed.Create(Coordinate as WorldPoint[] ?? [], Radius, Name), enumerateCollection: true);
        }
        catch (SeedException ex)
        {
            ThrowTerminatingError(ErrorRecords.FromSeed(ex, Name is null ? Coordinate : Name));
        }
    }
}
