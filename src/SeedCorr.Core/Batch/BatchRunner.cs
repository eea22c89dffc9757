using System.Collections.Concurrent;

namespace SeedCorr.Core.Batch;

/// <summary>One unit of batch work (a run) and the memory it needs while it runs.</summary>
/// <typeparam name="T">What the work function receives.</typeparam>
/// <param name="Item">The run.</param>
/// <param name="MemoryBytes">Its estimated peak memory (see <see cref="RunMemory"/>).</param>
public sealed record BatchItem<T>(T Item, long MemoryBytes);

/// <summary>How one item ended: its result, or the exception that stopped it (never both).</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <typeparam name="TResult">The result type.</typeparam>
/// <param name="Item">The item.</param>
/// <param name="Index">Its position in the input.</param>
/// <param name="Result">The work function's result, when it returned.</param>
/// <param name="Error">The exception it threw, when it failed.</param>
/// <param name="Elapsed">How long it ran.</param>
public sealed record BatchOutcome<T, TResult>(T Item, int Index, TResult? Result, Exception? Error, TimeSpan Elapsed)
{
    /// <summary>True when the work function returned.</summary>
    public bool Succeeded => Error is null;
}

/// <summary>
/// Runs independent items (the runs of a study) on worker threads, at most <c>throttleLimit</c> at once and at most
/// <c>memoryBudgetBytes</c> of their estimated memory at once, and hands each outcome back on the caller's thread as
/// it completes (a cmdlet writes results, errors and progress only from its pipeline thread). One item's failure is
/// its outcome, never the batch's: the others go on. Cancellation stops the items that are running (through the
/// token they get) and starts no new one; the enumeration then ends with <see cref="OperationCanceledException"/>.
/// An item larger than the whole budget runs alone rather than never.
/// </summary>
public static class BatchRunner
{
    /// <summary>How often the caller's <c>whileWaiting</c> runs while every item is busy.</summary>
    public static readonly TimeSpan WaitTick = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs <paramref name="work"/> over <paramref name="items"/>; yields outcomes in completion order.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="items">The items with their memory estimates, started in this order.</param>
    /// <param name="work">The work for one item; it should observe the token.</param>
    /// <param name="throttleLimit">The most items that run at once (≥ 1).</param>
    /// <param name="memoryBudgetBytes">The most estimated memory running at once (see <see cref="RunMemory.DefaultBudget"/>).</param>
    /// <param name="whileWaiting">Called on the caller's thread about every <see cref="WaitTick"/> while no outcome is ready (a cmdlet shows progress from it).</param>
    /// <param name="cancellationToken">Stops the batch.</param>
    public static IEnumerable<BatchOutcome<T, TResult>> Run<T, TResult>(
        IReadOnlyList<BatchItem<T>> items,
        Func<T, CancellationToken, TResult> work,
        int throttleLimit,
        long memoryBudgetBytes,
        Action? whileWaiting = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfLessThan(throttleLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(memoryBudgetBytes, 1);
        return RunIterator(items, work, throttleLimit, memoryBudgetBytes, whileWaiting, cancellationToken);
    }

    private static IEnumerable<BatchOutcome<T, TResult>> RunIterator<T, TResult>(
        IReadOnlyList<BatchItem<T>> items, Func<T, CancellationToken, TResult> work, int throttleLimit, long budget, Action? whileWaiting, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var done = new BlockingCollection<BatchOutcome<T, TResult>>();
        var running = 0;
        long memoryInUse = 0;
        var next = 0;
        var finished = 0;

        void Start(int index)
        {
            var item = items[index];
            running++;
            memoryInUse += item.MemoryBytes;
            // A thread of its own: runs are long and CPU-bound, and the thread pool must stay free for their own
            // Parallel.For work.
            var thread = new Thread(() =>
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                BatchOutcome<T, TResult> outcome;
                try
                {
                    outcome = new(item.Item, index, work(item.Item, stop.Token), null, clock.Elapsed);
                }
#pragma warning disable CA1031 // One run's failure, whatever it is, is that run's outcome: the batch goes on.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    outcome = new(item.Item, index, default, ex, clock.Elapsed);
                }

                done.Add(outcome);
            })
            { IsBackground = true, Name = $"SeedCorr batch item {index}" };
            thread.Start();
        }

        bool CanStart(int index) =>
            running < throttleLimit && (running == 0 || memoryInUse + items[index].MemoryBytes <= budget);

        while (finished < items.Count)
        {
            while (next < items.Count && !stop.IsCancellationRequested && CanStart(next))
            {
                Start(next++);
            }

            if (running == 0)
            {
                break; // cancelled before the rest could start
            }

            BatchOutcome<T, TResult>? outcome;
            try
            {
                while (!done.TryTake(out outcome, (int)WaitTick.TotalMilliseconds, cancellationToken))
                {
                    whileWaiting?.Invoke();
                }
            }
            catch (OperationCanceledException)
            {
                // Let the running items see the token and end before the caller goes on (no file is half-written
                // behind its back), then say the batch was stopped.
                stop.Cancel();
                while (running > 0)
                {
                    done.Take(CancellationToken.None);
                    running--;
                }

                throw;
            }

            running--;
            memoryInUse -= items[outcome!.Index].MemoryBytes;
            finished++;
            yield return outcome;
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
