using System.Management.Automation;
using SeedCorr.Core.Connectivity;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Signal;

namespace SeedCorr.PowerShell.Common;

/// <summary>
/// Base of the masker cmdlets: the image comes from the pipeline (parameter set "Image", declared by each cmdlet) or as
/// files named by -Path (wildcards; named, since the pipeline and position 0 carry the image and the seeds) or, from
/// <see cref="PathInputCmdlet"/>, -LiteralPath, which the cmdlet reads streaming instead of loading them.
/// </summary>
public abstract class MaskerCmdlet : PathInputCmdlet
{
    /// <summary>Parameter set of the piped image.</summary>
    protected const string ImageSet = "Image";

    /// <summary>NIfTI files to extract from (wildcards expanded), read streaming: the 4D image is never held in memory.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    /// <summary>Whether files were given (-Path or -LiteralPath) rather than an image.</summary>
    protected bool FromFiles => ParameterSetName != ImageSet;

    /// <inheritdoc />
    private protected override string[] WildcardPath => Path;

    /// <summary>
    /// Runs the extraction from one file with a progress bar; an unreadable file or a masking problem becomes that
    /// file's error record, and the cmdlet goes on with the next file.
    /// </summary>
    private protected void ExtractFromFile(string file, int progressId, string status, Action<CmdletProgress> extract)
    {
        ArgumentNullException.ThrowIfNull(extract);
        var progress = new CmdletProgress(this, progressId, MyInvocation.MyCommand.Name, status);
        try
        {
            extract(progress);
        }
        catch (NiftiException ex)
        {
            WriteError(ErrorRecords.FromNifti(ex, file));
        }
        catch (MaskingException ex)
        {
            WriteError(ErrorRecords.FromMasking(ex, file));
        }
        finally
        {
            progress.Complete();
        }
    }

    /// <summary>Writes the masker's warnings, a verbose line and the signals.</summary>
    protected void WriteSignals(SignalMatrix signals, IEnumerable<string> warnings, string verbose) => WriteSignals([(signals, verbose)], warnings);

    /// <summary>
    /// Writes the warnings of one extraction, then each output's verbose line and signals, in order. Series constant to
    /// float32 precision are set to 0 first (see <see cref="ConstantSeries"/>), with a warning that counts them.
    /// </summary>
    protected void WriteSignals(IEnumerable<(SignalMatrix Signals, string Verbose)> outputs, IEnumerable<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(warnings);
        var list = outputs.ToList();
        foreach (var w in warnings)
        {
            WriteWarning(w);
        }

        foreach (var (signals, _) in list)
        {
            var flattened = ConstantSeries.Flatten(signals);
            if (flattened > 0)
            {
                WriteWarning($"{flattened} of {signals.Series} series are constant to float32 precision (their spread is below float32's resolution at their mean, e.g. a constant block after smoothing): they were set to 0, so their correlation is 0 rather than rounding noise.");
            }
        }

        foreach (var (signals, verbose) in list)
        {
            WriteVerbose(verbose);
            WriteObject(signals);
        }
    }
}
