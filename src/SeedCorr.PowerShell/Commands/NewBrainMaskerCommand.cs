using System.Management.Automation;
using SeedCorr.Core.Extraction;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Signal;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Creates a brain masker (a mask given or computed, optional smoothing) and, given an image, extracts every brain voxel's time series.</para>
/// <para type="description">With -Seed, the seed maskers (New-SphereMasker without an image) are fed from the same read
/// of each file: the brain signals are written first, then one signal matrix per seed masker.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "BrainMasker", DefaultParameterSetName = ImageSet)]
[OutputType(typeof(SignalMatrix), typeof(BrainMasker))]
public sealed class NewBrainMaskerCommand : MaskerCmdlet
{
    /// <summary>A mask (NiftiImage or path; non-zero = brain) on the image's grid. Without it the mask is computed from the image.</summary>
    [Parameter]
    public object? MaskImage { get; set; }

    /// <summary>How to compute the mask when -MaskImage is not given: Background (nilearn's default) or Epi.</summary>
    [Parameter]
    public MaskStrategy MaskStrategy { get; set; } = MaskStrategy.Background;

    /// <summary>Gaussian smoothing FWHM in mm before masking: one value, or one per axis.</summary>
    [Parameter]
    [ValidateCount(1, 3)]
    public double[]? SmoothingFwhm { get; set; }

    /// <summary>
    /// Volumes (0-based) left out of the mask computation: corrupt acquisitions (every voxel NaN). Their signals become 0;
    /// censor them afterwards with Invoke-SignalClean -SampleMask.
    /// </summary>
    [Parameter(ParameterSetName = ImageSet)]
    [ValidateRange(0, int.MaxValue)]
    public int[]? IgnoreVolume { get; set; }

    /// <summary>
    /// Seed maskers (e.g. New-SphereMasker 0,-52,18 -Radius 8) whose signals come from the same pass over each image:
    /// their signal matrices follow the brain signals, in the order given.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public ISignalMasker[]? Seed { get; set; }

    /// <summary>A 3D or 4D image: the brain voxels' time series are extracted from it.</summary>
    [Parameter(ValueFromPipeline = true, ParameterSetName = ImageSet)]
    public NiftiImage? InputObject { get; set; }


    private NiftiImage? _mask;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (SmoothingFwhm is { Length: 2 })
        {
            ThrowTerminatingError(ErrorRecords.Create(ErrorIds.MaskerParameterInvalid, ErrorCategory.InvalidArgument, SmoothingFwhm,
                "-SmoothingFwhm takes one value or three (one per axis), not two.", "Give one FWHM in mm (e.g. 6) or three (x, y, z)."));
        }

        if (MaskImage is not null)
        {
            _mask = ImageArgument.Resolve(this, MaskImage, nameof(MaskImage));
            if (_mask is null)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.MaskImageInvalid, ErrorCategory.InvalidArgument, MaskImage, "The mask image could not be read.",
                    "See the error above for the mask file; give a readable NIfTI mask or omit -MaskImage to compute one."));
            }
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (FromFiles)
        {
            foreach (var file in ResolvedFiles())
            {
                FromFile(file);
            }

            return;
        }

        try
        {
            if (InputObject is null)
            {
                if (_mask is null)
                {
                    WriteError(ErrorRecords.Create(ErrorIds.MaskerParameterInvalid, ErrorCategory.InvalidArgument, null,
                        "A brain masker needs either -MaskImage or an image to compute its mask from (pipe the functional image in).",
                        "Pipe the functional image in: $func | New-BrainMasker -SmoothingFwhm 6."));
                    return;
                }

                if (Seed is not null)
                {
                    WriteError(ErrorRecords.Create(ErrorIds.MaskerParameterInvalid, ErrorCategory.InvalidArgument, Seed,
                        "-Seed extracts the seeds' signals from an image, and none was given.",
                        "Pipe the functional image in, or give it with -LiteralPath; without -Seed, -MaskImage alone outputs the masker."));
                    return;
                }

                WriteObject(BrainMasker.FromMask(_mask, SmoothingFwhm));
                return;
            }

            var warnings = new List<string>();
            if (!CheckCorruptVolumes(InputObject, warnings, out var fitOn))
            {
                return;
            }

            var masker = _mask is null
                ? BrainMasker.Fit(fitOn, MaskStrategy, SmoothingFwhm)
                : BrainMasker.FromMask(_mask, SmoothingFwhm);
            var progress = new CmdletProgress(this, 2, "New-BrainMasker", $"Smoothing and masking {InputObject.VolumeCount} volumes");
            try
            {
                var signals = RunCancellable(ct => SignalMasker.TransformAll(InputObject, [masker, .. Seeds], warnings, progress, ct));
                WriteAll(signals, warnings, string.Empty);
            }
            finally
            {
                progress.Complete();
            }
        }
        catch (MaskingException ex)
        {
            WriteError(ErrorRecords.FromMasking(ex, InputObject));
        }
    }

    /// <summary>
    /// A volume without a single finite voxel is a corrupt acquisition: it makes a computed mask empty (the temporal mean
    /// is NaN everywhere). Named as such (an error unless -IgnoreVolume lists it); with a given mask a warning.
    /// <paramref name="fitOn"/> is the image to compute the mask from.
    /// </summary>
    private bool CheckCorruptVolumes(NiftiImage image, List<string> warnings, out NiftiImage fitOn)
    {
        fitOn = image;
        var corrupt = RunCancellable(ct => CorruptVolumes.Find(image, ct));
        var ignored = IgnoreVolume ?? [];
        if (ignored.Length > 0 && image.Rank != 4)
        {
            WriteError(ErrorRecords.Create(ErrorIds.MaskerParameterInvalid, ErrorCategory.InvalidArgument, IgnoreVolume,
                $"-IgnoreVolume needs a 4D image; this one is {image.Rank}D.", "Leave -IgnoreVolume out for a 3D image."));
            return false;
        }

        if (ignored.FirstOrDefault(v => v >= image.VolumeCount, -1) is var missing and >= 0)
        {
            WriteError(ErrorRecords.Create(ErrorIds.MaskerParameterInvalid, ErrorCategory.InvalidArgument, IgnoreVolume,
                $"-IgnoreVolume {missing}: the image has volumes 0 to {image.VolumeCount - 1}.", "List 0-based volume indices of the image."));
            return false;
        }

        var unlisted = corrupt.Where(v => !ignored.Contains(v)).ToArray();
        if (_mask is null && unlisted.Length > 0)
        {
            WriteError(CorruptVolumeError(image.Path ?? image.ToString(), unlisted, image));
            return false;
        }

        if (corrupt.Length > 0)
        {
            warnings.Add($"{CorruptVolumes.Describe(corrupt)} of the image {(corrupt.Length == 1 ? "has" : "have")} no finite voxel (a corrupt acquisition){(_mask is null ? " and were left out of the mask" : string.Empty)}; {(corrupt.Length == 1 ? "its" : "their")} signals are 0. Censor {(corrupt.Length == 1 ? "it" : "them")} with Invoke-SignalClean -SampleMask.");
        }

        if (_mask is null && ignored.Length > 0)
        {
            fitOn = CorruptVolumes.Without(image, ignored.Distinct().ToArray());
        }

        return true;
    }

    private static ErrorRecord CorruptVolumeError(string source, int[] volumes, object target) =>
        ErrorRecords.Create(ErrorIds.VolumeNotFinite, ErrorCategory.InvalidData, target,
            $"{System.IO.Path.GetFileName(source)}: {CorruptVolumes.Describe(volumes)} (0-based) {(volumes.Length == 1 ? "has" : "have")} no finite voxel (every value NaN or infinite): a corrupt acquisition, which makes the temporal mean and so the computed brain mask empty.",
            $"Censor {(volumes.Length == 1 ? "it" : "them")}: Import-Nifti the file, New-BrainMasker -IgnoreVolume {string.Join(',', volumes)} (the mask is computed from the other volumes), then Invoke-SignalClean -SampleMask without {(volumes.Length == 1 ? "that volume" : "those volumes")}; or give -MaskImage.");

    private ISignalMasker[] Seeds => Seed ?? [];

    private void FromFile(string file) =>
        ExtractFromFile(file, 2, $"Reading, smoothing and masking {System.IO.Path.GetFileName(file)}", progress =>
        {
            var given = _mask is null ? null : BrainMasker.FromMask(_mask, SmoothingFwhm);
            var options = new StreamingExtractionOptions
            {
                Maskers = given is null ? Seeds : [given, .. Seeds],
                FitBrainMasker = given is null ? new BrainMaskerFit(MaskStrategy, SmoothingFwhm) : null,
            };
            StreamingExtraction result;
            try
            {
                result = RunCancellable(ct => StreamingExtraction.Run(file, options, progress, ct));
            }
            catch (MaskingException ex) when (ex.Kind == MaskingErrorKind.EmptyMask && _mask is null)
            {
                // An empty computed mask: name a corrupt volume if that is the cause (one more pass, on failure only).
                var corrupt = RunCancellable(ct => CorruptVolumes.Find(file, null, ct));
                if (corrupt.Length == 0)
                {
                    throw;
                }

                WriteError(CorruptVolumeError(file, corrupt, file));
                return;
            }

            var brain = result.SignalsOf(given ?? result.FittedBrainMasker ?? throw new InvalidOperationException("no brain masker was fitted"));
            WriteAll([brain, .. Seeds.Select(result.SignalsOf)], result.Warnings,
                $" from {file} ({result.Passes} pass{(result.Passes == 1 ? string.Empty : "es")} over the file)");
        });

    /// <summary>The brain signals, then each seed masker's, after the warnings; a verbose line for each.</summary>
    private void WriteAll(IEnumerable<SignalMatrix> signals, IEnumerable<string> warnings, string from) =>
        WriteSignals(signals.Select(s => (s, $"{s.Masker?.Description}: {s.Shape}{from}")), warnings);
}
