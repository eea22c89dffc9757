using System.Management.Automation;
using SeedCorr.Core.Bids;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Seeds;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Reads a seed atlas: a labels image (BIDS dseg, any grid) with its labels table, a coordinate table, or a built-in seed set.</para>
/// </summary>
[Cmdlet(VerbsData.Import, "SeedAtlas", DefaultParameterSetName = PathSet)]
[OutputType(typeof(SeedAtlas))]
public sealed class ImportSeedAtlasCommand : FileReaderCmdlet
{
    private const string CoordinateSet = "CoordinateTable";
    private const string BuiltInSet = "BuiltIn";

    /// <summary>A BIDS dseg table (index, name) for the labels image; by default the image's name with .tsv, when that file exists.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    [Alias("LookupTable", "Lut")]
    public string? LabelsTable { get; set; }

    /// <summary>A table of seed centres in mm (Schaefer's ROI Label,ROI Name,R,A,S; or x,y,z[,name]).</summary>
    [Parameter(Mandatory = true, ParameterSetName = CoordinateSet)]
    public string CoordinateTable { get; set; } = string.Empty;

    /// <summary>A seed set shipped with SeedCorr.</summary>
    [Parameter(Mandatory = true, ParameterSetName = BuiltInSet)]
    public BuiltInAtlas BuiltIn { get; set; }

    /// <summary>Sphere radius in mm for coordinate seeds.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CoordinateSet)]
    [Parameter(Mandatory = true, ParameterSetName = BuiltInSet)]
    [ValidateRange(0.0, 1000.0)]
    public double Radius { get; set; }

    /// <summary>The atlas name (the atlas- entity of the outputs, after removing characters outside [0-9a-zA-Z+]).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <inheritdoc />
    protected override string NotFoundErrorId => ErrorIds.SeedAtlasFileNotFound;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case BuiltInSet:
                Emit(BuiltIn, () => BuiltInSeedAtlas.Load(BuiltIn, Radius, Name));
                break;
            case CoordinateSet:
                var table = ResolveFile(CoordinateTable);
                if (table is not null)
                {
                    Emit(table, () => SeedAtlas.FromCoordinates(Name ?? DefaultName(table), CoordinateTableReader.Read(table), Radius, table));
                }

                break;
            default:
                foreach (var file in ResolvedFiles())
                {
                    FromLabelsImage(file);
                }

                break;
        }
    }

    private void FromLabelsImage(string file)
    {
        string? table = null;
        if (LabelsTable is not null)
        {
            table = ResolveFile(LabelsTable);
            if (table is null)
            {
                return;
            }
        }
        else
        {
            var sibling = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(file) ?? ".", StemOf(file) + ".tsv");
            if (File.Exists(sibling))
            {
                WriteVerbose($"Using the labels table {sibling}.");
                table = sibling;
            }
        }

        NiftiImage image;
        try
        {
            image = RunCancellable(ct => NiftiReader.Read(file, null, null, ct));
        }
        catch (NiftiException ex)
        {
            WriteError(ErrorRecords.FromNifti(ex, file));
            return;
        }

        var warnings = new List<string>();
        Emit(file, () => SeedAtlas.FromLabelsImage(image, table, Name ?? DefaultName(file), warnings));
        foreach (var w in warnings)
        {
            WriteWarning(w);
        }
    }

    private void Emit(object target, Func<SeedAtlas> make)
    {
        try
        {
            WriteObject(make());
        }
        catch (SeedException ex)
        {
            WriteError(ErrorRecords.FromSeed(ex, target));
        }
    }

    private string? ResolveFile(string path)
    {
        var resolved = PathResolver.ResolveForWrite(this, path);
        if (resolved is not null && !File.Exists(resolved))
        {
            WriteError(ErrorRecords.Create(ErrorIds.SeedAtlasFileNotFound, ErrorCategory.ObjectNotFound, path,
                $"Cannot find the file '{path}'.", "Check the path of the table."));
            return null;
        }

        return resolved;
    }

    private static string StemOf(string file)
    {
        var name = System.IO.Path.GetFileName(file);
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? name : name[..dot];
    }

    // A BIDS atlas file (tpl-MNI152NLin6Asym_atlas-Schaefer2018_dseg.nii.gz) is named by its atlas entity, any other
    // file by its name without extension.
    private static string DefaultName(string file) =>
        BidsFileName.TryParse(file, out var bids, out _) && bids["atlas"] is { } atlas ? atlas : StemOf(file);
}
