namespace EcsOps.Sandbox.Tests.Gateway.Support;

/// <summary>
/// A <see cref="TimeProvider"/> that moves only when a test calls <see cref="Advance"/>; due timers fire
/// on the caller's thread, in due order. Starts at a random date so that code reading the wall clock
/// instead of the provider shows up. Used as the sandbox's timer clock (idle timeout, periodic disconnect,
/// injected latency); signatures keep real time.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly DateTimeOffset _start = new(Random.Shared.NextInt64(
        new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks, new DateTimeOffset(2090, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks), TimeSpan.Zero);
    private TimeSpan _elapsed;
    private TaskCompletionSource _timerScheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _start + _elapsed;
        }
    }

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _elapsed.Ticks;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Completes once some timer is due within <paramref name="horizon"/> from now.</summary>
    public async Task WaitForTimerWithinAsync(TimeSpan horizon)
    {
        while (true)
        {
            Task scheduled;
            lock (_gate)
            {
                if (_timers.Any(t => t.DueAt <= _elapsed + horizon))
                {
                    return;
                }

                scheduled = _timerScheduled.Task;
            }

            await scheduled.WithinDeadline();
        }
    }

    /// <summary>Moves time forward, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        TimeSpan target;
        lock (_gate)
        {
            target = _elapsed + by;
        }

        while (true)
        {
            ManualTimer? due;
            lock (_gate)
            {
                due = _timers.Where(t => t.DueAt <= target).OrderBy(t => t.DueAt).FirstOrDefault();
                if (due is null)
                {
                    _elapsed = target;
                    return;
                }

                _elapsed = due.DueAt!.Value > _elapsed ? due.DueAt.Value : _elapsed;
                due.DueAt = due.Period > TimeSpan.Zero ? _elapsed + due.Period : null;
                if (due.DueAt is null)
                {
                    _timers.Remove(due);
                }
            }

            due.Fire();
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        TaskCompletionSource? scheduled = null;
        var fireNow = false;
        lock (_gate)
        {
            _timers.Remove(timer);
            timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            timer.DueAt = null;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            if (dueTime <= TimeSpan.Zero)
            {
                fireNow = true;
            }
            else
            {
                timer.DueAt = _elapsed + dueTime;
                _timers.Add(timer);
                scheduled = _timerScheduled;
                _timerScheduled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        scheduled?.TrySetResult();
        if (fireNow)
        {
            ThreadPool.QueueUserWorkItem(static t => t.Fire(), timer, preferLocal: false);
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private volatile bool _disposed;

        public TimeSpan? DueAt { get; set; }

        public TimeSpan Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
            {
                return false;
            }

            clock.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire()
        {
            if (!_disposed)
            {
                callback(state);
            }
        }

        public void Dispose()
        {
            _disposed = true;
            clock.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
