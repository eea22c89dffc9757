using System.Collections.Concurrent;
using SeedCorr.Core.Batch;

namespace SeedCorr.Core.Tests.Batch;

public sealed class BatchRunnerTests
{
    private static List<BatchItem<int>> Items(int n, long memory = 1) => Enumerable.Range(0, n).Select(i => new BatchItem<int>(i, memory)).ToList();

    /// <summary>Counts how many work functions run at once; each waits until released or cancelled.</summary>
    private sealed class Concurrency
    {
        private int _now;
        public int Max;
        public int Started;

        public T Enter<T>(Func<T> body)
        {
            Interlocked.Increment(ref Started);
            var now = Interlocked.Increment(ref _now);
            int max;
            while (now > (max = Volatile.Read(ref Max)) && Interlocked.CompareExchange(ref Max, now, max) != max)
            {
            }

            try
            {
                return body();
            }
            finally
            {
                Interlocked.Decrement(ref _now);
            }
        }
    }

    [Fact]
    public void Every_item_runs_and_a_failure_is_that_items_outcome_only()
    {
        var outcomes = BatchRunner.Run(Items(6), (i, _) => i == 3 ? throw new InvalidDataException("run 3 is corrupt") : i * 10, 2, long.MaxValue).ToList();
        Assert.Equal(6, outcomes.Count);
        Assert.Equal([0, 1, 2, 3, 4, 5], outcomes.Select(o => o.Index).Order());
        var failed = Assert.Single(outcomes, o => !o.Succeeded);
        Assert.Equal(3, failed.Item);
        Assert.Equal("run 3 is corrupt", Assert.IsType<InvalidDataException>(failed.Error).Message);
        Assert.All(outcomes.Where(o => o.Succeeded), o => Assert.Equal(o.Item * 10, o.Result));
    }

    [Fact]
    public void Outcomes_come_back_on_the_callers_thread()
    {
        var caller = Environment.CurrentManagedThreadId;
        var workers = new ConcurrentBag<int>();
        foreach (var o in BatchRunner.Run(Items(4), (i, _) => { workers.Add(Environment.CurrentManagedThreadId); return i; }, 2, long.MaxValue))
        {
            Assert.Equal(caller, Environment.CurrentManagedThreadId);
        }

        Assert.DoesNotContain(caller, workers);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void No_more_than_the_throttle_limit_run_at_once(int limit)
    {
        var c = new Concurrency();
        var outcomes = BatchRunner.Run(Items(8), (i, _) => c.Enter(() => { Thread.Sleep(30); return i; }), limit, long.MaxValue).ToList();
        Assert.Equal(8, outcomes.Count(o => o.Succeeded));
        Assert.Equal(limit, c.Max);
    }

    [Fact]
    public void The_memory_budget_bounds_what_runs_at_once()
    {
        // Each run needs 600 of a budget of 1000: one at a time although four could run.
        var c = new Concurrency();
        var outcomes = BatchRunner.Run(Items(4, memory: 600), (i, _) => c.Enter(() => { Thread.Sleep(30); return i; }), 4, 1000).ToList();
        Assert.Equal(4, outcomes.Count(o => o.Succeeded));
        Assert.Equal(1, c.Max);
    }

    [Fact]
    public void A_run_larger_than_the_budget_still_runs_alone()
    {
        var items = new List<BatchItem<int>> { new(0, 100), new(1, 5000), new(2, 100) };
        var c = new Concurrency();
        var outcomes = BatchRunner.Run(items, (i, _) => c.Enter(() => { Thread.Sleep(20); return i; }), 3, 1000).ToList();
        Assert.Equal(3, outcomes.Count(o => o.Succeeded));
    }

    [Fact]
    public void Cancelling_stops_the_running_items_and_starts_no_new_one()
    {
        using var cts = new CancellationTokenSource();
        var c = new Concurrency();
        var sawCancel = 0;
        var outcomes = new List<BatchOutcome<int, int>>();
        var run = BatchRunner.Run(Items(10), (i, ct) => c.Enter(() =>
        {
            if (i == 0)
            {
                return 0; // the first finishes at once, and the caller cancels on seeing it
            }

            try
            {
                Task.Delay(Timeout.Infinite, ct).Wait(ct);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref sawCancel);
                throw;
            }

            return i;
        }), 2, long.MaxValue, cancellationToken: cts.Token);

        Assert.Throws<OperationCanceledException>(() =>
        {
            foreach (var o in run)
            {
                outcomes.Add(o);
                cts.Cancel();
            }
        });

        Assert.Single(outcomes);
        // Item 0 finished; item 1 (started with it) was running and saw the token; nothing after was started.
        Assert.Equal(2, c.Started);
        Assert.Equal(1, sawCancel);
    }

    [Fact]
    public void While_every_item_is_busy_the_callers_callback_runs_on_the_callers_thread()
    {
        var caller = Environment.CurrentManagedThreadId;
        var calls = new List<int>();
        using var release = new ManualResetEventSlim();
        var outcomes = BatchRunner.Run(Items(1), (i, _) =>
        {
            release.Wait(TimeSpan.FromSeconds(30), CancellationToken.None);
            return i;
        }, 1, long.MaxValue, whileWaiting: () =>
        {
            calls.Add(Environment.CurrentManagedThreadId);
            if (calls.Count == 3)
            {
                release.Set(); // the item ends only after the callback ran three times
            }
        }).ToList();

        Assert.Single(outcomes);
        Assert.True(calls.Count >= 3, $"{calls.Count} calls");
        Assert.All(calls, t => Assert.Equal(caller, t));
    }

    [Fact]
    public void Bad_limits_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchRunner.Run(Items(1), (i, _) => i, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchRunner.Run(Items(1), (i, _) => i, 1, 0));
    }
}
