using System.Text;
using SeedCorr.Core.Bids;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Tests.IO;
using SeedCorr.Core.Tests.Support;
using Xunit.Abstractions;

namespace SeedCorr.Core.Tests.Fuzz;

/// <summary>
/// Deterministic fuzzing of the study inputs: BIDS names (<see cref="BidsFileName"/>, <see cref="BidsLabel"/>,
/// <see cref="DerivativeName"/>), JSON sidecars (<see cref="JsonSidecar.Read"/>) and <see cref="FmriprepRunFinder.Find"/>
/// on random derivative trees. The only acceptable outcomes are a result that keeps the documented invariants or a
/// <see cref="BidsException"/>; a run's own problems are reported on the run. Fixed seeds, bounded iterations.
/// </summary>
public sealed class StudyInputFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const long AllocationBudget = 256L << 20;

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int> { 13, 1302 };
        if (int.TryParse(Environment.GetEnvironmentVariable("SEEDCORR_FUZZ_SEED"), out var extra))
        {
            seeds.Add(extra);
        }

        return seeds;
    }

    private static readonly string[] NameParts =
    [
        "sub-01", "ses-1", "task-rest", "run-2", "space-MNI152NLin2009cAsym", "res-2", "desc-preproc", "desc-brain", "echo-1",
        "acq-mb+4", "sub-01", "bold", "mask", ".nii.gz", ".json", ".", "_", "-", "--", "sub-", "-01", "é", "ß", "\u0301", "𝔘", "\0",
        "\n", "\r", " ", "/", "\\", "..", "sub\n-01", "sub-01\n", "bold\n", "a", "Z", "0", "+", "*", "?", ":", "\uFEFF", "\u200B",
    ];

    private static string RandomName(Random rng)
    {
        var sb = new StringBuilder();
        switch (rng.Next(5))
        {
            case 0: // a very long name, or a name of many repeated entities
                var part = NameParts[rng.Next(NameParts.Length)];
                for (var i = rng.Next(100, 20000); i > 0 && sb.Length < 200_000; i--)
                {
                    sb.Append(rng.Next(3) == 0 ? part : "run-" + (i % 7)).Append('_');
                }

                sb.Append("bold.nii.gz");
                break;
            case 1: // random characters
                for (var i = rng.Next(0, 80); i > 0; i--)
                {
                    sb.Append((char)rng.Next(0, 0x3000));
                }

                break;
            case 2: // pieces, joined or not
                for (var i = rng.Next(0, 9); i > 0; i--)
                {
                    sb.Append(NameParts[rng.Next(NameParts.Length)]);
                    if (rng.Next(3) > 0)
                    {
                        sb.Append('_');
                    }
                }

                break;
            default: // a real-looking name with now and then a piece replaced
                string[] entities = ["sub-01", "ses-1", "task-rest", "acq-mb4", "dir-AP", "run-2", "echo-1", "part-mag", "space-MNI152NLin2009cAsym", "res-2", "desc-preproc"];
                var chosen = entities.Where(_ => rng.Next(2) == 0).Select(e => rng.Next(15) == 0 ? NameParts[rng.Next(NameParts.Length)] : e).ToList();
                if (chosen.Count == 0 || rng.Next(10) == 0)
                {
                    chosen.Insert(rng.Next(chosen.Count + 1), chosen.Count > 0 && rng.Next(2) == 0 ? chosen[0] : "sub-02");
                }

                var suffix = rng.Next(15) == 0 ? NameParts[rng.Next(NameParts.Length)] : new[] { "bold", "mask", "timeseries", "boldmap" }[rng.Next(4)];
                var ext = rng.Next(15) == 0 ? NameParts[rng.Next(NameParts.Length)] : new[] { ".nii.gz", ".json", ".tsv", "", ".dtseries.nii" }[rng.Next(5)];
                sb.Append(rng.Next(6) == 0 ? "/some/folder/" : "").AppendJoin('_', chosen).Append('_').Append(suffix).Append(ext);
                break;
        }

        return sb.ToString();
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void BIDS_names_parse_to_a_valid_name_or_raise_BidsException(int seed)
    {
        var rng = new Random(seed);
        var parsed = 0;
        for (var n = 0; n < 4000; n++)
        {
            var text = RandomName(rng);
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                var name = BidsFileName.Parse(text);
                parsed++;
                // What a name promises: it prints as the file name it came from, and every part is a BIDS label.
                Assert.Equal(Path.GetFileName(text), name.ToString());
                AssertValid(name, text);
                var derived = DerivativeName.For(name, [new("stat", RandomLabel(rng)), new("desc", RandomLabel(rng)), new("atlas", null)], RandomLabel(rng), rng.Next(2) == 0 ? ".nii.gz" : RandomExtension(rng));
                AssertValid(BidsFileName.Parse(derived.ToString()), derived.ToString());
                Assert.Equal(derived.ToString(), BidsFileName.Parse(derived.ToString()).ToString());
                _ = DerivativeName.Folder(derived);
            }
            catch (BidsException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
            }
            catch (Exception ex)
            {
                Assert.Fail($"seed {seed}, iteration {n}, name {Escape(text)}: {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
            }

            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < AllocationBudget, $"seed {seed}, iteration {n}: allocation");
        }

        output.WriteLine($"BIDS name fuzz, seed {seed}: {parsed} of 4000 names parsed");
        Assert.True(parsed > 100);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void BIDS_labels_from_names_and_coordinates_are_valid_or_raise_BidsException(int seed)
    {
        var rng = new Random(seed);
        for (var n = 0; n < 4000; n++)
        {
            var text = RandomName(rng);
            try
            {
                Assert.True(BidsLabel.IsValid(BidsLabel.FromName(text)), Escape(text));
            }
            catch (BidsException)
            {
            }

            double Coordinate() => rng.Next(6) switch
            {
                0 => new[] { double.NaN, double.PositiveInfinity, double.MaxValue, -double.MaxValue, double.Epsilon, -0.0, 1e-4, -1e-4, 1e21, -0.0005 }[rng.Next(10)],
                _ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-5, 6)),
            };
            var p = new WorldPoint(Coordinate(), Coordinate(), Coordinate());
            try
            {
                var label = BidsLabel.FromCoordinate(p);
                Assert.True(BidsLabel.IsValid(label), $"{p} gave '{label}'");
            }
            catch (BidsException ex)
            {
                Assert.Contains("not a finite number", ex.Message, StringComparison.Ordinal);
            }
        }
    }

    private static string RandomLabel(Random rng) => rng.Next(5) switch
    {
        0 => NameParts[rng.Next(NameParts.Length)],
        1 => new string('x', rng.Next(0, 400)),
        _ => "seed" + rng.Next(100),
    };

    private static string RandomExtension(Random rng) =>
        new[] { ".json", "json", ".tsv.gz", "", "./../x", "._x", ".a-b", ".nii\n", ". ", ".é" }[rng.Next(10)];

    private static void AssertValid(BidsFileName name, string text)
    {
        foreach (var (key, value) in name.Entities)
        {
            Assert.True(key.Length > 0 && key.All(char.IsAsciiLetterOrDigit), $"{Escape(text)}: key '{Escape(key)}'");
            Assert.True(BidsLabel.IsValid(value), $"{Escape(text)}: value '{Escape(value)}'");
        }

        Assert.True(name.Suffix.Length > 0 && name.Suffix.All(char.IsAsciiLetterOrDigit), $"{Escape(text)}: suffix '{Escape(name.Suffix)}'");
        Assert.True(name.Extension.Length == 0 || (name.Extension[0] == '.' && name.Extension.All(c => c == '.' || char.IsAsciiLetterOrDigit(c))),
            $"{Escape(text)}: extension '{Escape(name.Extension)}'");
    }

    private static string Escape(string s) =>
        s.Length > 120 ? Escape(s[..120]) + $"… ({s.Length} chars)" : string.Concat(s.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString()));

    private static readonly string[] JsonSeeds =
    [
        "{\"RepetitionTime\": 2.0, \"TaskName\": \"rest\", \"SliceTiming\": [0, 0.5, 1.0, 1.5]}",
        "{\"RepetitionTime\": 0.72}",
        "{\"Sources\": [\"bids:raw:sub-01/func/sub-01_task-rest_bold.nii.gz\"], \"SkullStripped\": false}",
    ];

    private static byte[] MutateJson(Random rng)
    {
        var text = JsonSeeds[rng.Next(JsonSeeds.Length)];
        switch (rng.Next(10))
        {
            case 0:
                return Encoding.UTF8.GetBytes(text[..rng.Next(text.Length)]);
            case 1: // wrong types
                return Encoding.UTF8.GetBytes(text.Replace("2.0", new[] { "\"2\"", "[2]", "{\"v\": 2}", "true", "null", "-2", "0", "1e999", "1e-320", "NaN", "Infinity", "2,0" }[rng.Next(12)], StringComparison.Ordinal));
            case 2: // deep nesting
                var depth = rng.Next(10, 100_000);
                var open = rng.Next(2) == 0 ? "[" : "{\"a\":";
                return Encoding.UTF8.GetBytes("{\"RepetitionTime\": 2, \"x\": " + string.Concat(Enumerable.Repeat(open, depth)) + "1" + new string(open == "[" ? ']' : '}', depth) + "}");
            case 3: // duplicated keys, at the top or inside
                return Encoding.UTF8.GetBytes(rng.Next(2) == 0 ? "{\"RepetitionTime\": 2, \"RepetitionTime\": 3}" : "{\"RepetitionTime\": 2, \"x\": {\"a\": 1, \"a\": 2}}");
            case 4: // random bytes
                var bytes = new byte[rng.Next(0, 300)];
                rng.NextBytes(bytes);
                return bytes;
            case 5: // byte flips
                var b = Encoding.UTF8.GetBytes(text);
                b[rng.Next(b.Length)] = (byte)rng.Next(256);
                return b;
            case 6: // other encodings and marks
                return rng.Next(3) switch
                {
                    0 => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
                    1 => Encoding.Unicode.GetBytes(text),
                    _ => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
                };
            case 7: // a long string or a long array
                return Encoding.UTF8.GetBytes("{\"RepetitionTime\": 2, \"s\": \"" + new string('x', rng.Next(1, 1 << 16)) + "\", \"a\": [" + string.Join(",", Enumerable.Repeat("1", rng.Next(1, 10_000))) + "]}");
            case 8: // comments and trailing commas (not JSON)
                return Encoding.UTF8.GetBytes(rng.Next(2) == 0 ? "{\"RepetitionTime\": 2, } " : "// c\n{\"RepetitionTime\": 2}");
            default:
                return Encoding.UTF8.GetBytes(text);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void JSON_sidecars_read_as_an_object_or_raise_BidsException_naming_the_file(int seed)
    {
        var rng = new Random(seed);
        var path = _dir.Path("sub-01_task-rest_space-MNI_desc-preproc_bold.json");
        var objects = 0;
        for (var n = 0; n < 600; n++)
        {
            File.WriteAllBytes(path, MutateJson(rng));
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                var o = JsonSidecar.Read(path);
                // Everything a caller may touch must be readable: the whole tree, and the repetition time.
                _ = o.ToJsonString();
                _ = o["RepetitionTime"];
                objects++;
            }
            catch (BidsException ex)
            {
                Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            }
            catch (Exception ex)
            {
                Assert.Fail($"seed {seed}, iteration {n}, {Escape(File.ReadAllText(path))}: {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < AllocationBudget, $"seed {seed}, iteration {n}: {allocated} bytes allocated");
        }

        output.WriteLine($"JSON fuzz, seed {seed}: {objects} of 600 read as objects");
        Assert.True(objects > 100);
    }

    private static readonly string Fixture = TestData.Path("study", "derivatives", "fmriprep");

    /// <summary>One run's real files (BOLD, mask, confounds, JSONs) to copy, damage or leave out.</summary>
    private static readonly Lazy<(string Name, byte[] Bytes)[]> RunFiles = new(() =>
        Directory.GetFiles(Path.Combine(Fixture, "sub-01", "func")).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToArray());

    private static void MakeTree(Random rng, string root)
    {
        Directory.CreateDirectory(root);
        var made = new HashSet<string>(StringComparer.Ordinal);
        for (var s = rng.Next(0, 4); s >= 0; s--)
        {
            var sub = $"sub-{rng.Next(1, 4):00}";
            var ses = rng.Next(3) == 0 ? $"ses-{rng.Next(1, 3)}" : null;
            var func = ses is null ? Path.Combine(root, sub, "func") : Path.Combine(root, sub, ses, "func");
            Directory.CreateDirectory(func);
            var entities = sub + (ses is null ? "" : "_" + ses) + "_task-rest" + (rng.Next(2) == 0 ? "_run-" + rng.Next(1, 3) : "");
            foreach (var (name, bytes) in RunFiles.Value)
            {
                var target = name.Replace("sub-01_task-rest", entities, StringComparison.Ordinal);
                target = rng.Next(12) switch
                {
                    0 => null!, // missing
                    1 => target.Replace("desc-", "desc-x", StringComparison.Ordinal), // almost matches
                    2 => target.Replace("_bold", "_Bold", StringComparison.Ordinal),
                    3 => target + ".bak",
                    _ => target,
                };
                if (target is null)
                {
                    continue;
                }

                var full = Path.Combine(func, target);
                if (!made.Add(full))
                {
                    continue; // the same subject and run drawn twice
                }

                switch (rng.Next(14))
                {
                    case 0: // a folder named like the file
                        Directory.CreateDirectory(full);
                        break;
                    case 1: // a FIFO without writer
                        InputFileTests.MakeFifo(full);
                        break;
                    case 2: // a link to a device, or a dangling link
                        File.CreateSymbolicLink(full, rng.Next(2) == 0 ? "/dev/zero" : Path.Combine(func, "nothing-there"));
                        break;
                    case 3: // empty, truncated, or garbage
                        File.WriteAllBytes(full, rng.Next(3) switch { 0 => [], 1 => bytes[..rng.Next(bytes.Length)], _ => BudgetFuzzTests.Mutate(rng, bytes, 400) });
                        break;
                    case 4 when full.EndsWith(".json", StringComparison.Ordinal):
                        File.WriteAllBytes(full, MutateJson(rng));
                        break;
                    default:
                        File.WriteAllBytes(full, bytes);
                        break;
                }
            }

            if (rng.Next(6) == 0)
            {
                // A symbolic-link loop under the subject: recursive enumeration must not follow it forever.
                var loop = Path.Combine(root, sub, "loop");
                if (!Path.Exists(loop))
                {
                    Directory.CreateSymbolicLink(loop, Path.Combine(root, sub));
                }
            }

            if (rng.Next(8) == 0)
            {
                // A file named like a subject folder.
                var fake = Path.Combine(root, $"sub-{rng.Next(5, 9)}");
                if (!Path.Exists(fake))
                {
                    File.WriteAllText(fake, "not a folder");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Run_finder_on_random_derivative_trees_returns_runs_or_raises_BidsException(int seed)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // FIFOs and devices are Unix's
        }

        var rng = new Random(seed);
        var found = 0;
        var problems = 0;
        for (var n = 0; n < 60; n++)
        {
            var root = _dir.Path($"tree{n}");
            MakeTree(rng, root);
            // A hang (a FIFO opened for reading) must fail the test rather than stop the run: a guard, not a speed check.
            IReadOnlyList<FmriprepRun> runs;
            try
            {
                runs = await Task.Run(() => FmriprepRunFinder.Find(root)).WaitAsync(TimeSpan.FromMinutes(2));
            }
            catch (BidsException)
            {
                continue;
            }
            catch (Exception ex)
            {
                Assert.Fail($"seed {seed}, tree {n} ({root}): {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
                throw;
            }

            found += runs.Count;
            foreach (var run in runs)
            {
                problems += run.Problems.Count;
                Assert.All(run.Problems, p => Assert.Contains(Path.GetFileName(p.File), p.Message + " " + p.File, StringComparison.Ordinal));
                Assert.True(run.IsComplete == (run.Problems.Count == 0));
                Assert.True(run.RepetitionTime is null or > 0 && double.IsFinite(run.RepetitionTime ?? 1));
            }
        }

        output.WriteLine($"run finder fuzz, seed {seed}: {found} runs found in 60 trees, {problems} problems reported");
        Assert.True(found > 20);
    }
}
