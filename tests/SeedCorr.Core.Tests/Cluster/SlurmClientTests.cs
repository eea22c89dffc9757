using SeedCorr.Core.Cluster;

namespace SeedCorr.Core.Tests.Cluster;

/// <summary>
/// Against the real single-node cluster of tests/setup/slurm.sh (CI starts it before the tests). Without Slurm these
/// fail, unless SEEDCORR_SKIP_SLURM=1 says to pass them with the reason printed.
/// </summary>
public sealed class SlurmClientTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("seedcorr-slurm-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static bool Skipped()
    {
        if (SlurmClient.IsAvailable())
        {
            return false;
        }

        Assert.True(Environment.GetEnvironmentVariable("SEEDCORR_SKIP_SLURM") == "1",
            "sbatch is not on the PATH: run tests/setup/slurm.sh as root (or set SEEDCORR_SKIP_SLURM=1 to skip)");
        Console.WriteLine("Slurm is not installed and SEEDCORR_SKIP_SLURM=1: skipped");
        return true;
    }

    [Fact]
    public void An_array_with_a_failing_task_is_reported_task_by_task()
    {
        if (Skipped())
        {
            return;
        }

        var spec = new SlurmArraySpec
        {
            JobName = "seedcorr-client-test",
            TaskCount = 3,
            ConcurrentTasks = 2,
            LogDirectory = _dir,
            WorkingDirectory = _dir,
            TaskCommand = ["bash", "-c", "echo task $SLURM_ARRAY_TASK_ID > out_$SLURM_ARRAY_TASK_ID.txt; exit $(( SLURM_ARRAY_TASK_ID == 1 ? 3 : 0 ))"],
        };
        var script = Path.Combine(_dir, "job.sh");
        File.WriteAllText(script, SlurmScript.Render(spec));
        var id = SlurmClient.Submit(script);
        Assert.True(id > 0);

        var deadline = DateTime.UtcNow.AddMinutes(3);
        IReadOnlyList<SlurmTaskState> states;
        do
        {
            Thread.Sleep(300);
            states = SlurmClient.QueryArray(id);
        }
        while ((states.Count < 3 || states.Any(s => s.Status is SlurmTaskStatus.Pending or SlurmTaskStatus.Running)) && DateTime.UtcNow < deadline);

        Assert.Equal([0, 1, 2], states.Select(s => s.TaskIndex));
        Assert.Equal([SlurmTaskStatus.Done, SlurmTaskStatus.Failed, SlurmTaskStatus.Done], states.Select(s => s.Status));
        Assert.Equal(3, states[1].ExitCode);
        Assert.Equal(Path.Combine(_dir, $"seedcorr-client-test-{id}-1.out"), states[1].StdOut);
        Assert.Equal("task 2", File.ReadAllText(Path.Combine(_dir, "out_2.txt")).Trim());
    }

    [Fact]
    public void A_job_slurm_never_had_has_no_tasks()
    {
        if (Skipped())
        {
            return;
        }

        Assert.Empty(SlurmClient.QueryArray(987654321));
    }
}
