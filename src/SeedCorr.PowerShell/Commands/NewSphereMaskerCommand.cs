using System.Management.Automation;
using SeedCorr.Core.Connectivity;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Signal;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Creates a sphere masker (seeds in world mm, a radius) and, given an image, extracts the mean signal of each sphere.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "SphereMasker", DefaultParameterSetName = ImageSet)]
[OutputType(typeof(SignalMatrix), typeof(SphereMasker))]
public sealed class NewSphereMaskerCommand : MaskerCmdlet
{
    /// <summary>Seed coordinates in world mm: 0,-52,18 for one seed, (0,-52,18),(4,-52,18) for several.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("Seed", "Coordinates")]
    [WorldPointTransformation]
    public object Coordinate { get; set; } = Array.Empty<WorldPoint>(); // object: an array type would make PowerShell transform element by element

    private WorldPoint[] Seeds => Coordinate as WorldPoint[] ?? [];

    /// <summary>Sphere radius in mm (inclusive); 0 gives the nearest voxel only.</summary>
    [Parameter(Position = 1)]
    [ValidateRange(0.0, 1000.0)]
    public double Radius { get; set; }

    /// <summary>Let spheres share voxels.</summary>
    [Parameter]
    public SwitchParameter AllowOverlap { get; set; }

    /// <summary>A mask (NiftiImage or path) restricting the candidate voxels; on the image's grid.</summary>
    [Parameter]
    public object? MaskImage { get; set; }

    /// <summary>A 3D or 4D image: the sphere signals are extracted from it. Without it the masker itself is output.</summary>
    [Parameter(ValueFromPipeline = true, ParameterSetName = ImageSet)]
    public NiftiImage? InputObject { get; set; }


    private SphereMasker? _masker;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        var mask = MaskImage is null ? null : ImageArgument.Resolve(this, MaskImage, nameof(MaskImage));
        if (MaskImage is not null && mask is null)
        {
            return;
        }

        try
        {
            _masker = new SphereMasker(Seeds, Radius, AllowOverlap, mask);
        }
        catch (MaskingException ex)
        {
            ThrowTerminatingError(ErrorRecords.FromMasking(ex, Coordinate));
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (_masker is null)
        {
            return;
        }

        if (FromFiles)
        {
            foreach (var file in ResolvedFiles())
            {
                FromFile(_masker, file);
            }

            return;
        }

        if (InputObject is null)
        {
            WriteObject(_masker);
            return;
        }

        try
        {
            var warnings = new List<string>();
            var signals = RunCancellable(ct => _masker.Transform(InputObject, warnings, cancellationToken: ct));
            WarnConstantSpheres(signals, warnings);
            WriteSignals(signals, warnings, $"{_masker}: {signals.Shape} from {InputObject}");
        }
        catch (MaskingException ex)
        {
            WriteError(ErrorRecords.FromMasking(ex, InputObject));
        }
    }

    /// <summary>
    /// A sphere whose mean signal never changes has no in-brain voxel (it is in the background outside the head, or
    /// the mask left only constant voxels): say so here, where the seed is chosen, not only at the correlation.
    /// </summary>
    private void WarnConstantSpheres(SignalMatrix signals, List<string> warnings)
    {
        foreach (var s in ConstantSeries.Find(signals))
        {
            warnings.Add($"The sphere around seed {s + 1} {Seeds[s]} has a constant signal ({signals.GetSeries(s)[0]}) in every volume: it has no in-brain voxel (outside the head?). Check the coordinate against the image (world mm) or give -MaskImage.");
        }
    }

    private void FromFile(SphereMasker masker, string file) =>
        ExtractFromFile(file, 3, $"Reading {System.IO.Path.GetFileName(file)}", progress =>
        {
            var result = RunCancellable(ct => StreamingExtraction.Run(file, new StreamingExtractionOptions { Maskers = [masker] }, progress, ct));
            var warnings = result.Warnings.ToList();
            WarnConstantSpheres(result.Signals[0], warnings);
            WriteSignals(result.Signals[0], warnings, $"{masker}: {result.Signals[0].Shape} from {file}");
        });
}
