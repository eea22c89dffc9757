using System.Management.Automation;
using SeedCorr.Core.Nifti;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Writes a NiftiImage to a .nii or .nii.gz file, atomically.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "Nifti", DefaultParameterSetName = "Path", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportNiftiCommand : FileWriterCmdlet
{
    /// <summary>The image to write.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public NiftiImage? InputObject { get; set; }

    /// <summary>The datatype on disk (default Float32). Integer types get scl_slope/scl_inter so the values fit.</summary>
    [Parameter]
    [ValidateSet("UInt8", "Int8", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Float32", "Float64", IgnoreCase = true)]
    public NiftiDataType DataType { get; set; } = NiftiDataType.Float32;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var image = InputObject!;
        if (NiftiOutput.Write(this, image, GivenPath, NoClobber, Force, DataType, $"Write {image} as {NiftiDataTypes.Name(DataType)}") && PassThru)
        {
            WriteObject(new FileInfo(SessionState.Path.GetUnresolvedProviderPathFromPSPath(GivenPath)));
        }
    }
}
