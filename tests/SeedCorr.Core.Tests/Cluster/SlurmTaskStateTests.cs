using SeedCorr.Core.Cluster;

namespace SeedCorr.Core.Tests.Cluster;

public sealed class SlurmTaskStateTests
{
    // scontrol -o show job 6 from slurm-wlm 22.05 on the test cluster (shortened to the fields that matter), while
    // task 2 was still pending behind the %2 limit and after the array ended.
    private const string WhileRunning =
        "JobId=6 ArrayJobId=6 ArrayTaskId=2-3%2 ArrayTaskThrottle=2 JobName=wrap UserId=root(0) JobState=PENDING Reason=JobArrayTaskLimit Dependency=(null) ExitCode=0:0 StdOut=/tmp/sl/slurm-6_4294967294.out\n" +
        "JobId=7 ArrayJobId=6 ArrayTaskId=0 ArrayTaskThrottle=2 JobName=wrap UserId=root(0) JobState=RUNNING Reason=None Dependency=(null) ExitCode=0:0 StdOut=/tmp/sl/slurm-6_0.out\n" +
        "JobId=8 ArrayJobId=6 ArrayTaskId=1 ArrayTaskThrottle=2 JobName=wrap UserId=root(0) JobState=RUNNING Reason=None Dependency=(null) ExitCode=0:0 StdOut=/tmp/sl/slurm-6_1.out\n";

    private const string Ended =
        "JobId=7 ArrayJobId=6 ArrayTaskId=0 ArrayTaskThrottle=2 JobState=COMPLETED Reason=None ExitCode=0:0 StdOut=/tmp/sl/slurm-6_0.out\n" +
        "JobId=8 ArrayJobId=6 ArrayTaskId=1 ArrayTaskThrottle=2 JobState=COMPLETED Reason=None ExitCode=0:0 StdOut=/tmp/sl/slurm-6_1.out\n" +
        "JobId=9 ArrayJobId=6 ArrayTaskId=2 ArrayTaskThrottle=2 JobState=FAILED Reason=NonZeroExitCode ExitCode=1:0 StdOut=/tmp/sl/slurm-6_2.out\n" +
        "JobId=6 ArrayJobId=6 ArrayTaskId=3 ArrayTaskThrottle=2 JobState=TIMEOUT Reason=TimeLimit ExitCode=0:15 StdOut=/tmp/sl/slurm-6_3.out\n";

    [Fact]
    public void A_pending_range_is_one_pending_state_per_task()
    {
        var states = SlurmTaskState.ParseScontrol(WhileRunning);
        Assert.Equal([0, 1, 2, 3], states.Select(s => s.TaskIndex));
        Assert.Equal([SlurmTaskStatus.Running, SlurmTaskStatus.Running, SlurmTaskStatus.Pending, SlurmTaskStatus.Pending], states.Select(s => s.Status));
        Assert.All(states, s => Assert.Equal(6, s.ArrayJobId));
        Assert.All(states, s => Assert.Null(s.ExitCode));
        Assert.Equal("/tmp/sl/slurm-6_1.out", states[1].StdOut);
    }

    [Fact]
    public void Ended_tasks_have_their_exit_codes_and_failures_are_failures()
    {
        var states = SlurmTaskState.ParseScontrol(Ended);
        Assert.Equal([SlurmTaskStatus.Done, SlurmTaskStatus.Done, SlurmTaskStatus.Failed, SlurmTaskStatus.Failed], states.Select(s => s.Status));
        Assert.Equal(1, states[2].ExitCode);
        Assert.Equal(15, states[3].Signal);
        Assert.Equal("TIMEOUT", states[3].State);
    }

    [Theory]
    [InlineData("3", new[] { 3 })]
    [InlineData("0-4", new[] { 0, 1, 2, 3, 4 })]
    [InlineData("1,3,5-7%2", new[] { 1, 3, 5, 6, 7 })]
    public void Index_lists_expand(string list, int[] expected) => Assert.Equal(expected, SlurmTaskState.ExpandIndices(list));

    [Theory]
    [InlineData("CANCELLED by 0", SlurmTaskStatus.Failed)]
    [InlineData("OUT_OF_MEMORY", SlurmTaskStatus.Failed)]
    [InlineData("COMPLETING", SlurmTaskStatus.Running)]
    [InlineData("REQUEUED", SlurmTaskStatus.Pending)]
    [InlineData("SOMETHING_NEW", SlurmTaskStatus.Unknown)]
    public void State_words_map_to_statuses(string word, SlurmTaskStatus status) => Assert.Equal(status, SlurmTaskState.StatusOf(word));
}
