// Peak resident set size of this process, resettable so that each run in one process reports its own peak.
internal static class PeakRss
{
    /// <summary>Resets the kernel's high-water mark (Linux: "5" to /proc/self/clear_refs). False where unsupported.</summary>
    public static bool Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    /// <summary>VmHWM from /proc/self/status, in MB (10⁶ bytes).</summary>
    public static double Megabytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024 / 1e6;
            }
        }

        return double.NaN;
    }
}
