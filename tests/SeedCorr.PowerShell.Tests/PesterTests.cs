using Xunit.Abstractions;

namespace SeedCorr.PowerShell.Tests;

/// <summary>One xunit case per It in tests/Pester (the display name keeps the whole sentence).</summary>
public sealed class PesterTests(ITestOutputHelper output)
{
    public static TheoryData<PesterItCase> Cases()
    {
        var d = new TheoryData<PesterItCase>();
        foreach (var c in PesterSuite.Discover())
        {
            d.Add(new PesterItCase { File = c.File, Line = c.Line, Name = c.Name });
        }

        return d;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void It(PesterItCase test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var outcome = PesterSuite.Outcome(new PesterCase(test.File, test.Line, test.Name));
        output.WriteLine(outcome.Message);
        Assert.True(outcome.Result != "Failed", outcome.Message);
    }
}

/// <summary>Serializable case data, so xunit shows "File.Tests.ps1:12 sentence" instead of a truncated string.</summary>
public sealed class PesterItCase : IXunitSerializable
{
    public string File { get; set; } = string.Empty;

    public int Line { get; set; }

    public string Name { get; set; } = string.Empty;

    public void Deserialize(IXunitSerializationInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        File = info.GetValue<string>(nameof(File));
        Line = info.GetValue<int>(nameof(Line));
        Name = info.GetValue<string>(nameof(Name));
    }

    public void Serialize(IXunitSerializationInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.AddValue(nameof(File), File);
        info.AddValue(nameof(Line), Line);
        info.AddValue(nameof(Name), Name);
    }

    public override string ToString() => $"{Path.GetFileName(File)}:{Line} {Name}";
}
