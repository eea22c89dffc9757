using SeedCorr.Core.Cluster;

namespace SeedCorr.Core.Tests.Cluster;

public sealed class SlurmScriptTests
{
    private static SlurmArraySpec Spec() => new()
    {
        JobName = "seedcorr",
        TaskCount = 4,
        LogDirectory = "/data/out/code/seedcorr/logs",
        WorkingDirectory = "/data/out",
        TaskCommand = ["pwsh", "-NoProfile", "-Command", "Invoke-SeedToVoxel -StudyFile '/data/out/study.json'", "$SLURM_ARRAY_TASK_ID"],
    };

    [Fact]
    public void Renders_every_request_as_an_sbatch_line_and_execs_the_task()
    {
        var text = SlurmScript.Render(Spec() with
        {
            ConcurrentTasks = 2,
            Partition = "short",
            TimeLimit = TimeSpan.FromMinutes(90),
            MemoryGB = 7.5,
            CpusPerTask = 2,
            ExtraArguments = ["--account=lab"],
        });
        Assert.Equal(
            "#!/bin/bash\n" +
            "# Written by SeedCorr. Each task runs the same pwsh command; SLURM_ARRAY_TASK_ID selects its subject.\n" +
            "#SBATCH --job-name=seedcorr\n" +
            "#SBATCH --array=0-3%2\n" +
            "#SBATCH --output=/data/out/code/seedcorr/logs/%x-%A-%a.out\n" +
            "#SBATCH --chdir=/data/out\n" +
            "#SBATCH --ntasks=1\n" +
            "#SBATCH --partition=short\n" +
            "#SBATCH --time=01:30:00\n" +
            "#SBATCH --mem=7680M\n" +
            "#SBATCH --cpus-per-task=2\n" +
            "#SBATCH --account=lab\n" +
            "set -euo pipefail\n" +
            "exec pwsh -NoProfile -Command 'Invoke-SeedToVoxel -StudyFile '\\''/data/out/study.json'\\''' \"$SLURM_ARRAY_TASK_ID\"\n",
            text);
    }

    [Fact]
    public void A_resubmission_lists_only_its_tasks()
    {
        Assert.Contains("#SBATCH --array=1,3\n", SlurmScript.Render(Spec() with { TaskIndices = [3, 1] }), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(59.2, "00:01:00")]
    [InlineData(3600, "01:00:00")]
    [InlineData(90061, "1-01:01:01")]
    public void Times_are_in_slurm_format(double seconds, string expected) =>
        Assert.Equal(expected, SlurmScript.FormatTime(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Bad_requests_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SlurmScript.Render(Spec() with { TaskCount = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlurmScript.FormatTime(TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => SlurmScript.Render(Spec() with { ExtraArguments = ["--x\n#SBATCH --y"] }));
    }

    [Theory]
    [InlineData("plain-word_1.0", "plain-word_1.0")]
    [InlineData("two words", "'two words'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("$HOME", "'$HOME'")]
    [InlineData("", "''")]
    public void Words_are_quoted_for_bash(string word, string expected) => Assert.Equal(expected, SlurmScript.Quote(word));
}
