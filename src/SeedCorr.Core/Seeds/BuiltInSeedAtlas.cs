namespace SeedCorr.Core.Seeds;

/// <summary>Coordinate seed sets shipped inside SeedCorr.</summary>
public enum BuiltInAtlas
{
    /// <summary>
    /// The centroids (FSL MNI152 2 mm, in mm) of the Schaefer 2018 100-parcel 7-network parcellation (Schaefer et al.,
    /// Cerebral Cortex 28:3095, 2018), from the CBIG repository; MIT licence, © 2016 CBIG.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707", Justification = "The name users type: -BuiltIn Schaefer2018_100_7 (parcels, networks).")]
    Schaefer2018_100_7,
}

/// <summary>Loads the built-in coordinate atlases (embedded resources, each with its licence).</summary>
public static class BuiltInSeedAtlas
{
    /// <summary>The atlas as sphere seeds of <paramref name="radius"/> mm; <paramref name="name"/> defaults to the file's name.</summary>
    public static SeedAtlas Load(BuiltInAtlas atlas, double radius, string? name = null)
    {
        var (resource, defaultName) = atlas switch
        {
            BuiltInAtlas.Schaefer2018_100_7 => ("Schaefer2018_100Parcels_7Networks_order_FSLMNI152_2mm.Centroid_RAS.csv", "Schaefer2018100Parcels7Networks"),
            _ => throw new SeedException(SeedErrorKind.InvalidParameter, $"unknown built-in atlas {atlas}"),
        };
        var rows = CoordinateTableReader.Parse(ReadResource(resource).Split('\n'), $"built-in {atlas}");
        return SeedAtlas.FromCoordinates(name ?? defaultName, rows, radius, null, ReadResource("schaefer2018.LICENSE.md"));
    }

    private static string ReadResource(string file)
    {
        var asm = typeof(BuiltInSeedAtlas).Assembly;
        using var stream = asm.GetManifestResourceStream("SeedCorr.Core.Seeds.Data." + file)
            ?? throw new InvalidOperationException($"the built-in resource {file} is missing from {asm.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
