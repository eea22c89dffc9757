using System.Management.Automation;
using SeedCorr.Core.Nifti;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Writes a NiftiImage to a .nii or .nii.gz file, atomically.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "Nifti", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportNiftiCommand : SeedCorrCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    /// <summary>The image to write.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public NiftiImage? InputObject { get; set; }

    /// <summary>The file to write; .nii or .nii.gz (gzip) by its extension.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>The file to write, taken exactly as written.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string LiteralPath { get; set; } = string.Empty;

    /// <summary>The datatype on disk (default Float32). Integer types get scl_slope/scl_inter so the values fit.</summary>
    [Parameter]
    [ValidateSet("UInt8", "Int8", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Float32", "Float64", IgnoreCase = true)]
    public NiftiDataType DataType { get; set; } = NiftiDataType.Float32;

    /// <summary>Do not replace an existing file: fail with FileExists instead.</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>Replace an existing file even when it is read-only.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Outputs the written file (a FileInfo).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var image = InputObject!;
        var given = ParameterSetName == LiteralPathSet ? LiteralPath : Path;
        if (NiftiOutput.Write(this, image, given, NoClobber, Force, DataType, $"Write {image} as {NiftiDataTypes.Name(DataType)}") && PassThru)
        {
            WriteObject(new FileInfo(SessionState.Path.GetUnresolvedProviderPathFromPSPath(given)));
        }
    }
}
