namespace SeedCorr.Core.Tests.Support;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        FullName = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "seedcorr-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(FullName);
    }

    public string FullName { get; }

    public string Path(string name) => System.IO.Path.Combine(FullName, name);

    /// <summary>Writes <paramref name="text"/> to a file of the folder and returns its path.</summary>
    public string WriteText(string name, string text)
    {
        var p = Path(name);
        File.WriteAllText(p, text);
        return p;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(FullName, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
