using SeedCorr.Core.Bids;
using SeedCorr.Core.Cluster;
using SeedCorr.Core.Confounds;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Seeds;
using SeedCorr.Core.Signal;
using SeedCorr.Core.Study;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Study;

/// <summary>The study parameters file: what a cluster task reads must give the options (and hashes) of the local run.</summary>
public sealed class StudyParametersTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Text(SeedToVoxelOptions o) => JsonSidecar.Serialize(o.ToJson());

    [Fact]
    public void The_fixture_study_round_trips_with_identical_options_and_one_task_per_subject()
    {
        var saved = StudyParameters.Create(StudyFixture.Options(), _dir.Path("out"), StudyFixture.Runs());
        var path = StudyParameters.PathIn(saved.OutputDirectory);
        saved.Save(path);
        var loaded = StudyParameters.Load(path);

        Assert.Equal(Text(saved.Options), Text(loaded.Options));
        Assert.Equal(["01", "02", "03", "04"], loaded.Tasks.Select(t => t.Subject));
        Assert.Equal([0, 1, 2, 3], loaded.Tasks.Select(t => t.Index));
        Assert.Equal(["sub-03_task-rest_run-1", "sub-03_task-rest_run-2"], StudyParameters.DescribeRuns(loaded.Tasks[2]).Select(r => r.SourceEntities));
        Assert.Equal([Path.GetFullPath(StudyFixture.Fmriprep)], loaded.DerivativesRoots);
        Assert.Equal(Path.Combine(_dir.FullName, "out", "code", "seedcorr", "parameters.json"), path);
        Assert.False(loaded.Force);
        // The labels atlas is read again from its file: the same regions, the same grid.
        Assert.Equal(saved.Options.LabelAtlases[0].Regions, loaded.Options.LabelAtlases[0].Regions);
        Assert.Equal(saved.Options.LabelAtlases[0].GridShape, loaded.Options.LabelAtlases[0].GridShape);
    }

    [Fact]
    public void Every_strategy_and_cleaning_parameter_survives_not_only_the_defaults()
    {
        var table = SeedAtlas.FromCoordinates("Power", [(3, "a", new WorldPoint(1.5, -2.25, 3)), (7, null, new WorldPoint(-0.1, 0.2, 1e-7))], 5, "power.tsv");
        var options = new SeedToVoxelOptions
        {
            Spheres = [new SphereSeed("PCC", new WorldPoint(0.1, -52.3, 18.000001), 6.5), .. table.ToSphereSeeds()],
            Confounds = new ConfoundStrategyOptions
            {
                Preset = null,
                Strategy = [ConfoundComponent.Motion, ConfoundComponent.CompCor, ConfoundComponent.Scrub, ConfoundComponent.GlobalSignal],
                Motion = ExpansionModel.Derivatives,
                GlobalSignal = ExpansionModel.Full,
                CompCor = CompCorMethod.Temporal,
                CompCorCount = 3,
                ScrubMinSegment = 0,
                FdThreshold = 0.2,
                StdDvarsThreshold = 3,
                Demean = false,
                ExtraColumns = ["csf", "white_matter"],
            },
            SmoothingFwhm = null,
            Detrend = false,
            Standardize = Standardization.Psc,
            HighPass = null,
            LowPass = 0.08,
            Filter = TemporalFilter.Cosine,
            MinimumDegreesOfFreedom = double.NegativeInfinity,
        };
        var saved = StudyParameters.Create(options, _dir.Path("out"), StudyFixture.Runs().Take(2), force: true);
        var path = _dir.Path("p.json");
        saved.Save(path);
        var loaded = StudyParameters.Load(path);

        Assert.Equal(Text(options), Text(loaded.Options));
        Assert.Equal(options.Confounds, loaded.Options.Confounds with { Strategy = options.Confounds.Strategy, ExtraColumns = options.Confounds.ExtraColumns });
        Assert.Equal(options.Confounds.Strategy, loaded.Options.Confounds.Strategy);
        Assert.Equal(options.Spheres, loaded.Options.Spheres);
        Assert.Equal(double.NegativeInfinity, loaded.Options.MinimumDegreesOfFreedom);
        Assert.True(loaded.Force);
        Assert.Equal(2, loaded.Tasks.Count);
    }

    [Theory]
    [InlineData("\"Standardize\": \"ZScoreSample\"", "\"Standardize\": \"zscore\"", "Standardize is 'zscore', not one of")]
    [InlineData("\"SeedCorrStudyParameters\": 1", "\"SeedCorrStudyParameters\": 9", "format version 9")]
    [InlineData("\"Detrend\": true", "\"Detrend\": \"yes\"", "Detrend must be true or false, not \"yes\"")]
    [InlineData("\"RadiusMM\": 8", "\"RadiusMM\": -8", "radius of seed 'PCC'")]
    [InlineData("\"Index\": 0", "\"Index\": 5", "Tasks[0] has Index 5")]
    public void A_damaged_file_is_refused_naming_the_file_and_the_value(string from, string to, string message)
    {
        var saved = StudyParameters.Create(StudyFixture.Options(), _dir.Path("out"), StudyFixture.Runs());
        var path = _dir.Path("p.json");
        saved.Save(path);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        var first = text.IndexOf(from, StringComparison.Ordinal);
        File.WriteAllText(path, text[..first] + to + text[(first + from.Length)..]);

        var ex = Assert.Throws<StudyException>(() => StudyParameters.Load(path));
        Assert.Equal(StudyErrorKind.ParametersFileInvalid, ex.Kind);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_non_json_file_is_refused()
    {
        Assert.Contains("does not exist", Assert.Throws<StudyException>(() => StudyParameters.Load(_dir.Path("none.json"))).Message, StringComparison.Ordinal);
        var bad = _dir.WriteText("bad.json", "{ \"Options\": ");
        Assert.Equal(StudyErrorKind.ParametersFileInvalid, Assert.Throws<StudyException>(() => StudyParameters.Load(bad)).Kind);
    }

    [Fact]
    public void A_job_record_round_trips_and_a_resubmission_updates_only_its_tasks()
    {
        var parameters = StudyParameters.Create(StudyFixture.Options(), _dir.Path("out"), StudyFixture.Runs());
        var job = SeedToVoxelJob.ForStudy(parameters, StudyParameters.PathIn(parameters.OutputDirectory), JobScheduler.Slurm)
            .Submitted(JobScheduler.Slurm, 41, [0, 1, 2, 3], DateTime.UtcNow)
            .Submitted(JobScheduler.Slurm, 57, [2], DateTime.UtcNow);
        job.Save();
        var loaded = SeedToVoxelJob.Load(parameters.OutputDirectory);

        Assert.Equal([41L, 57L], loaded.ArrayJobIds);
        Assert.Equal(57, loaded.JobId);
        Assert.Equal([41L, 41L, 57L, 41L], loaded.Tasks.Select(t => t.ArrayJobId!.Value));
        Assert.Equal([1, 1, 2, 1], loaded.Tasks.Select(t => t.Attempts));
        Assert.Equal(Path.Combine(parameters.OutputDirectory, "logs", "seedcorr-57-2.out"), loaded.Tasks[2].LogPath);
        Assert.Equal(["sub-03_task-rest_run-1", "sub-03_task-rest_run-2"], loaded.Tasks[2].Runs);
        Assert.Equal(job.SubmittedUtc, loaded.SubmittedUtc);
    }

    [Fact]
    public void Task_states_follow_slurm_while_it_knows_them_then_the_status_files()
    {
        var parameters = StudyParameters.Create(StudyFixture.Options(), _dir.Path("out"), StudyFixture.Runs());
        var job = SeedToVoxelJob.ForStudy(parameters, "p.json", JobScheduler.Slurm).Submitted(JobScheduler.Slurm, 41, [0, 1, 2, 3], DateTime.UtcNow);
        SlurmTaskState Slurm(int i, string state, int? exit) => new(41, i, state, SlurmTaskState.StatusOf(state), exit, exit is null ? null : 0, null);
        // Task 1 ended 0 but its run wrote Failed; task 3 is unknown to Slurm and wrote nothing.
        var status = parameters.StatusFiles(parameters.Tasks[1])[0].StatusFile;
        Directory.CreateDirectory(Path.GetDirectoryName(status)!);
        File.WriteAllText(status, "{ \"Status\": \"Failed\", \"Error\": { \"Message\": \"bad BOLD\" } }");

        var states = SeedToVoxelTaskState.Evaluate(job, parameters, [Slurm(0, "COMPLETED", 0), Slurm(1, "COMPLETED", 0), Slurm(2, "RUNNING", null)]);

        Assert.Equal([SeedToVoxelTaskStatus.Succeeded, SeedToVoxelTaskStatus.Failed, SeedToVoxelTaskStatus.Running, SeedToVoxelTaskStatus.Unknown], states.Select(s => s.Status));
        Assert.Equal("sub-02_task-rest: bad BOLD", states[1].Error);
        Assert.Equal(1, states[1].RunsFailed);
        Assert.Equal(2, states[2].Runs);
        Assert.True(states[1].IsSelectedBy(ResubmitSelection.Failed));
        Assert.False(states[3].IsSelectedBy(ResubmitSelection.Failed));
        Assert.True(states[3].IsSelectedBy(ResubmitSelection.NotSucceeded));
        Assert.False(states[2].IsFinished);
    }
}
