using System.Diagnostics;
using System.Management.Automation;

namespace SeedCorr.PowerShell.Common;

/// <summary>
/// Reports a fraction as a progress record, at most every 200 ms. Core reports synchronously on the pipeline thread,
/// which is the only thread allowed to call WriteProgress. Always end with <see cref="Complete"/>.
/// </summary>
internal sealed class CmdletProgress(Cmdlet cmdlet, int activityId, string activity, string status) : IProgress<double>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastMs = -1000;
    private bool _shown;

    public void Report(double value)
    {
        if (_clock.ElapsedMilliseconds - _lastMs < 200)
        {
            return;
        }

        _lastMs = _clock.ElapsedMilliseconds;
        _shown = true;
        cmdlet.WriteProgress(new ProgressRecord(activityId, activity, status)
        {
            PercentComplete = (int)Math.Clamp(value * 100, 0, 100),
        });
    }

    public void Complete()
    {
        if (_shown)
        {
            cmdlet.WriteProgress(new ProgressRecord(activityId, activity, status) { RecordType = ProgressRecordType.Completed });
        }
    }
}
