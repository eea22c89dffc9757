using System.Management.Automation;

namespace SeedCorr.PowerShell.Common;

/// <summary>Base for SeedCorr cmdlets: a cancellation token tied to Ctrl+C (StopProcessing) for Core calls.</summary>
public abstract class SeedCorrCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline is stopped.</summary>
    protected CancellationToken CancellationToken => _stop.Token;

    /// <inheritdoc />
    protected override void StopProcessing() => _stop.Cancel();

    /// <summary>Runs Core work; a cancellation caused by StopProcessing becomes the engine's PipelineStoppedException.</summary>
    protected T RunCancellable<T>(Func<CancellationToken, T> work)
    {
        try
        {
            return work(CancellationToken);
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Runs Core work without a result (see <see cref="RunCancellable{T}"/>).</summary>
    internal void RunCancellableAction(Action<CancellationToken> work) => RunCancellable(ct =>
    {
        work(ct);
        return true;
    });

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
