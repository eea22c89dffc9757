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
            foreach (var file in Files())
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

            var masker = _mask is null
                ? BrainMasker.Fit(InputObject, MaskStrategy, SmoothingFwhm)
                : BrainMasker.FromMask(_mask, SmoothingFwhm);
            var warnings = new List<string>();
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
            var result = RunCancellable(ct => StreamingExtraction.Run(file, options, progress, ct));
            var brain = result.SignalsOf(given ?? result.FittedBrainMasker ?? throw new InvalidOperationException("no brain masker was fitted"));
            WriteAll([brain, .. Seeds.Select(result.SignalsOf)], result.Warnings,
                $" from {file} ({result.Passes} pass{(result.Passes == 1 ? string.Empty : "es")} over the file)");
        });

    /// <summary>The brain signals, then each seed masker's, after the warnings; a verbose line for each.</summary>
    private void WriteAll(IEnumerable<SignalMatrix> signals, IEnumerable<string> warnings, string from) =>
        WriteSignals(signals.Select(s => (s, $"{s.Masker?.Description}: {s.Shape}{from}")), warnings);
}
