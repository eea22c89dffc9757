using SeedCorr.Core.Geometry;

namespace SeedCorr.Core.Nifti;

/// <summary>Writes an affine into a header so that sform and qform agree.</summary>
internal static class NiftiGeometryHeader
{
    // A qform can only hold rotation, zooms and a reflection. When the affine has shear, the qform we write is the
    // nearest rigid approximation and its code is set to 0, so no reader prefers it over the exact sform.
    private const double QformTolerance = 1e-4;

    public static NiftiHeader WithAffine(NiftiHeader h, Affine affine, int code)
    {
        var q = QuaternionGeometry.FromAffine(affine);
        var rebuilt = QuaternionGeometry.QformFromHeader(q.B, q.C, q.D, q.QOffsetX, q.QOffsetY, q.QOffsetZ,
            q.PixDimX, q.PixDimY, q.PixDimZ, q.Qfac, float64Fields: true);
        var representable = rebuilt.MaxAbsDifference(affine) <= QformTolerance * Math.Max(1, q.PixDimX + q.PixDimY + q.PixDimZ);
        var pixdim = h.PixDim.ToBuilder();
        pixdim[0] = q.Qfac;
        pixdim[1] = q.PixDimX;
        pixdim[2] = q.PixDimY;
        pixdim[3] = q.PixDimZ;
        return h with
        {
            PixDim = pixdim.ToImmutable(),
            SRows = [.. affine.ToRowMajor().Take(12)],
            SformCode = code,
            Quatern = [q.B, q.C, q.D],
            QOffset = [q.QOffsetX, q.QOffsetY, q.QOffsetZ],
            QformCode = representable ? code : 0,
        };
    }
}
