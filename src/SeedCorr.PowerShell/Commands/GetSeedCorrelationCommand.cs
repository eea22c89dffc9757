using System.Management.Automation;
using SeedCorr.Core.Connectivity;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Seeds;
using SeedCorr.Core.Signal;
using SeedCorr.Core.Study;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Correlates seed signals with every brain voxel's signal (exact Pearson r, or Spearman), one map per seed.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SeedCorrelation", DefaultParameterSetName = SignalsSet)]
[OutputType(typeof(CorrelationMap))]
public sealed class GetSeedCorrelationCommand : SeedCorrCmdlet
{
    private const string SignalsSet = "Signals";
    private const string CleanedBrainSet = "CleanedBrain";

    /// <summary>The brain voxels' signals (New-BrainMasker, then Invoke-SignalClean).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = SignalsSet)]
    [Alias("Brain")]
    public SignalMatrix BrainSignals { get; set; } = null!;

    /// <summary>The seed signals (New-SphereMasker, then Invoke-SignalClean): one map per column.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = SignalsSet)]
    [Alias("Seed")]
    public SignalMatrix SeedSignals { get; set; } = null!;

    /// <summary>A run's brain kept by Invoke-SeedToVoxel -KeepBrain (the CleanedBrain of its result, bound by property name).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = CleanedBrainSet)]
    public CleanedBrain CleanedBrain { get; set; } = null!;

    /// <summary>New sphere seeds (New-SphereSeed) to map on the kept brain: one map per seed.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = CleanedBrainSet)]
    [ValidateNotNullOrEmpty]
    public SphereSeed[] SphereSeed { get; set; } = [];

    /// <summary>Pearson (default) or Spearman.</summary>
    [Parameter(ParameterSetName = SignalsSet)]
    public CorrelationMethod Method { get; set; } = CorrelationMethod.Pearson;

    /// <summary>
    /// Why the two inputs look swapped, or null. Seeds from a brain masker (one map per brain voxel) are the swapped
    /// positional call; sphere signals as the "brain" are fine on their own (ROI-to-ROI correlations).
    /// </summary>
    private string? RolesSwapped() =>
        SeedSignals.Masker is BrainMasker
            ? $"the seed signals {SeedSignals.Shape} come from {Describe(SeedSignals)} and the brain signals {BrainSignals.Shape} from {Describe(BrainSignals)}"
            : null;

    private static string Describe(SignalMatrix m) => m.Masker switch
    {
        SphereMasker => "a sphere masker",
        BrainMasker => "a brain masker",
        null => "no masker",
        var other => other.GetType().Name,
    };

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == CleanedBrainSet)
        {
            try
            {
                WriteObject(RunCancellable(ct => CleanedBrain.Correlate(SphereSeed, ct)));
            }
            catch (Exception ex) when (ex is StudyException or SignalException or MaskingException)
            {
                WriteError(ErrorRecords.FromAny(ex, CleanedBrain));
            }

            return;
        }

        if (RolesSwapped() is { } why)
        {
            WriteError(ErrorRecords.Create(ErrorIds.SignalRolesSwapped, ErrorCategory.InvalidArgument, SeedSignals,
                $"-BrainSignals and -SeedSignals look swapped: {why}.",
                "Give the brain masker's signals as -BrainSignals (first) and the sphere masker's as -SeedSignals (second): Get-SeedCorrelation -BrainSignals $brain -SeedSignals $seed."));
            return;
        }

        if (SeedSignals.Masker is null && BrainSignals.Masker is null && SeedSignals.Series > BrainSignals.Series)
        {
            WriteWarning($"There are more seed series ({SeedSignals.Series}) than brain series ({BrainSignals.Series}): are -BrainSignals and -SeedSignals swapped? One map is made per seed column.");
        }

        try
        {
            for (var s = 0; s < SeedSignals.Series; s++)
            {
                var series = SeedSignals.GetSeries(s);
                if (series.All(v => v == series[0]))
                {
                    WriteWarning($"Seed {s + 1} is constant ({series[0]}): its correlation is undefined and its map is all zeros. Is the sphere outside the brain?");
                }
            }

            var map = RunCancellable(ct => SeedCorrelation.Compute(BrainSignals, SeedSignals, Method, ct));
            if (BrainSignals.Masker is null)
            {
                WriteWarning("The brain signals carry no masker: the map cannot be turned back into an image (extract them with New-BrainMasker).");
            }

            WriteObject(map);
        }
        catch (SignalException ex)
        {
            WriteError(ErrorRecords.FromSignal(ex, BrainSignals));
        }
    }
}
