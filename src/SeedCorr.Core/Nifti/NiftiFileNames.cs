namespace SeedCorr.Core.Nifti;

/// <summary>How a path names a NIfTI file: single (.nii[.gz]) or pair (.hdr/.img[.gz]), compressed or not.</summary>
internal readonly record struct NiftiFileNames(string HeaderPath, string DataPath, bool HeaderCompressed, bool DataCompressed, bool IsPair)
{
    public static NiftiFileNames Resolve(string path)
    {
        var lower = path.ToLowerInvariant();
        var gz = lower.EndsWith(".gz", StringComparison.Ordinal);
        var stem = gz ? path[..^3] : path;
        var ext = System.IO.Path.GetExtension(stem).ToLowerInvariant();
        switch (ext)
        {
            case ".hdr":
            case ".img":
                var bare = stem[..^4];
                // The companion keeps the case of the given extension (FOO.HDR pairs with FOO.IMG) and the same compression.
                var upper = stem[^3..].All(char.IsUpper);
                string Companion(string e) => bare + (upper ? e.ToUpperInvariant() : e) + (gz ? path[^3..] : string.Empty);
                var hdr = ext == ".hdr" ? path : Companion(".hdr");
                var img = ext == ".img" ? path : Companion(".img");
                return new NiftiFileNames(hdr, img, gz, gz, true);
            default:
                return new NiftiFileNames(path, path, gz, gz, false);
        }
    }
}
