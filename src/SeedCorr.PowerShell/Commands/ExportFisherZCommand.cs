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
[Cmdlet(VerbsData.Export, "FisherZ", DefaultParameterSetName = "Path", SupportsShouldProcess = true)]
[OutputType(typeof(NiftiImage))]
public sealed class ExportFisherZCommand : FileWriterCmdlet
{
    /// <summary>The correlation map (Get-SeedCorrelation).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public CorrelationMap InputObject { get; set; } = null!;

    /// <summary>FisherZ (default) or Correlation (the r map).</summary>
    [Parameter]
    public CorrelationStatistic Statistic { get; set; } = CorrelationStatistic.FisherZ;

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

        var what = Statistic == CorrelationStatistic.FisherZ ? "Fisher z" : "correlation";
        if (NiftiOutput.Write(this, image, GivenPath, NoClobber, Force, NiftiDataType.Float32, $"Write the {what} map {InputObject.Shape}") && PassThru)
        {
            WriteObject(image);
        }
    }
}
