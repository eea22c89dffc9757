using System.Management.Automation;
using SeedCorr.Core.Connectivity;
using SeedCorr.Core.Nifti;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>Which statistic Export-FisherZ writes.</summary>
public enum CorrelationStatistic
{
    /// <summary>Fisher's z = artanh(r), |r| clamped at tanh(4).</summary>
    FisherZ,
    /// <summary>The correlation r itself.</summary>
    Correlation,
}

/// <summary>
/// <para type="synopsis">Writes a correlation map as a Fisher z (or r) NIfTI image, atomically.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "FisherZ", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(NiftiImage))]
public sealed class ExportFisherZCommand : SeedCorrCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    /// <summary>The correlation map (Get-SeedCorrelation).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public CorrelationMap InputObject { get; set; } = null!;

    /// <summary>The file to write: .nii or .nii.gz.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>The file to write, taken exactly as written.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string LiteralPath { get; set; } = string.Empty;

    /// <summary>FisherZ (default) or Correlation (the r map).</summary>
    [Parameter]
    public CorrelationStatistic Statistic { get; set; } = CorrelationStatistic.FisherZ;

    /// <summary>Do not replace an existing file.</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>Replace an existing file even when it is read-only.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Outputs the image written.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        NiftiImage image;
        try
        {
            image = InputObject.ToImage(fisherZ: Statistic == CorrelationStatistic.FisherZ);
        }
        catch (InvalidOperationException ex)
        {
            WriteError(ErrorRecords.Create(ErrorIds.MaskerParameterInvalid, ErrorCategory.InvalidData, InputObject, ex.Message,
                "Extract the brain signals with New-BrainMasker so the map knows its grid.", ex));
            return;
        }

        var given = ParameterSetName == LiteralPathSet ? LiteralPath : Path;
        var what = Statistic == CorrelationStatistic.FisherZ ? "Fisher z" : "correlation";
        if (NiftiOutput.Write(this, image, given, NoClobber, Force, NiftiDataType.Float32, $"Write the {what} map {InputObject.Shape}") && PassThru)
        {
            WriteObject(image);
        }
    }
}
