namespace SeedCorr.Core.Signal;

/// <summary>Row (time point) selection and copying of time-major matrices, shared by the cleaning steps.</summary>
internal static class Rows
{
    /// <summary>The given rows of a time-major matrix of <paramref name="columns"/> columns, in the order given.</summary>
    public static T[] Take<T>(T[] data, int columns, int[] rows)
    {
        // Every element is written below: no need to zero a (large-object-heap) array first.
        var r = GC.AllocateUninitializedArray<T>(checked(rows.Length * columns));
        for (var i = 0; i < rows.Length; i++)
        {
            Array.Copy(data, (long)rows[i] * columns, r, (long)i * columns, columns);
        }

        return r;
    }

    /// <summary>The indices of the rows whose flag is true.</summary>
    public static int[] Where(bool[] keep) => Enumerable.Range(0, keep.Length).Where(i => keep[i]).ToArray();

    /// <summary>A copy in chunks of 4 M values, so that a stop request is seen within milliseconds even for GB-sized signals.</summary>
    public static T[] CopyCancellable<T>(T[] source, CancellationToken ct)
    {
        var copy = GC.AllocateUninitializedArray<T>(source.Length); // overwritten whole below
        const int chunk = 1 << 22;
        for (long start = 0; start < source.LongLength; start += chunk)
        {
            ct.ThrowIfCancellationRequested();
            var n = (int)Math.Min(chunk, source.LongLength - start);
            Array.Copy(source, start, copy, start, n);
        }

        return copy;
    }
}
