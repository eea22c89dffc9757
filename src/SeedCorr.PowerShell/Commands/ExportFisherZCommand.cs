using System.Management.Automation;
using SeedCorr.Core.Connectivity;
using SeedCorr.Core.IO;
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
        var fisherZ = Statistic == CorrelationStatistic.FisherZ;
        var what = fisherZ ? "Fisher z" : "correlation";
        var action = $"Write the {what} map {InputObject.Shape}";
        NiftiImage? image = null;
        StreamedImage? streamed = null;
        try
        {
            // -PassThru needs the image in memory; otherwise it is made while it is written (no grid-sized array).
            streamed = PassThru ? null : InputObject.ToStreamedImage(fisherZ);
            image = streamed is null ? InputObject.ToImage(fisherZ) : null;
        }
        catch (InvalidOperationException ex)
        {
            WriteError(ErrorRecords.Create(ErrorIds.MaskerParameterInvalid, ErrorCategory.InvalidData, InputObject, ex.Message,
                "Extract the brain signals with New-BrainMasker so the map knows its grid.", ex));
            return;
        }

        // Maps are zeros outside the brain and float noise inside, which deflate cannot shrink: zero runs coded, the
        // values stored (GzipEncoding.ZeroRuns), about twice as fast as deflate's fastest level and no larger.
        if (streamed is not null)
        {
            NiftiOutput.Write(this, streamed, InputObject.ToString(), GivenPath, NoClobber, Force, action, GzipEncoding.ZeroRuns);
        }
        else if (NiftiOutput.Write(this, image!, GivenPath, NoClobber, Force, NiftiDataType.Float32, action, GzipEncoding.ZeroRuns) && PassThru)
        {
            WriteObject(image);
        }
    }
}
