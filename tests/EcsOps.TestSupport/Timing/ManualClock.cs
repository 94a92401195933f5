namespace EcsOps.TestSupport.Timing;

/// <summary>
/// A <see cref="TimeProvider"/> that moves only when a test says so. Starts at a random date so that
/// code reading the wall clock instead of the provider fails every time. Timers fire during
/// <see cref="Advance"/> / <see cref="AdvanceToNextTimer"/>, on the calling thread; a zero due time fires
/// on the thread pool at once, like the system timer. Its waits have no deadline of their own: guard them with
/// <see cref="TestDeadline"/>.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly DateTimeOffset _start;
    private TimeSpan _elapsed;
    private TaskCompletionSource _scheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ManualClock(int? seed = null)
    {
        var random = seed is null ? Random.Shared : new Random(seed.Value);
        var minimum = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        var maximum = new DateTimeOffset(2090, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        _start = new DateTimeOffset(random.NextInt64(minimum, maximum), TimeSpan.Zero);
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _start + _elapsed;
        }
    }

    public override long GetTimestamp()
    {
        lock (_lock)
        {
            return _start.UtcTicks + _elapsed.Ticks;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Timers that are waiting to fire (created, not disposed, with a due time).</summary>
    public int ScheduledTimerCount
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count(t => t.DueAt is not null);
            }
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> timers are waiting to fire.</summary>
    public async Task WaitForTimersAsync(int count)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_timers.Count(t => t.DueAt is not null) >= count)
                {
                    return;
                }

                changed = _scheduled.Task;
            }

            await changed;
        }
    }

    /// <summary>Completes once some timer has a finite due time (now or later).</summary>
    public Task WaitForScheduledTimerAsync() => WaitForTimerWithinAsync(Timeout.InfiniteTimeSpan);

    /// <summary>
    /// Completes once some timer is due within <paramref name="horizon"/> from now. Lets a test step
    /// through short waits (backoff delays) without jumping to a long-running guard timer.
    /// </summary>
    public async Task WaitForTimerWithinAsync(TimeSpan horizon)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                var limit = horizon == Timeout.InfiniteTimeSpan ? TimeSpan.MaxValue : _elapsed + horizon;
                if (_timers.Any(t => t.DueAt <= limit))
                {
                    return;
                }

                changed = _scheduled.Task;
            }

            await changed;
        }
    }

    /// <summary>Moves to the earliest timer's due time and fires it; false when none is scheduled.</summary>
    public bool AdvanceToNextTimer()
    {
        TimeSpan? next;
        lock (_lock)
        {
            next = _timers.Where(t => t.DueAt is not null).Select(t => t.DueAt).Min();
        }

        if (next is null)
        {
            return false;
        }

        AdvanceTo(next.Value);
        return true;
    }

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        TimeSpan target;
        lock (_lock)
        {
            target = _elapsed + by;
        }

        AdvanceTo(target);
    }

    private void AdvanceTo(TimeSpan target)
    {
        while (true)
        {
            ManualTimer? due;
            lock (_lock)
            {
                due = _timers.Where(t => t.DueAt <= target).OrderBy(t => t.DueAt).FirstOrDefault();
                if (due is null)
                {
                    if (target > _elapsed)
                    {
                        _elapsed = target;
                    }

                    return;
                }

                if (due.DueAt > _elapsed)
                {
                    _elapsed = due.DueAt!.Value;
                }

                due.Rearm(_elapsed);
            }

            due.Fire();
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        TaskCompletionSource? scheduled = null;
        var fireNow = false;
        lock (_lock)
        {
            timer.Period = period;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                timer.DueAt = null;
            }
            else if (dueTime <= TimeSpan.Zero)
            {
                timer.DueAt = null;
                fireNow = true;
            }
            else
            {
                timer.DueAt = _elapsed + dueTime;
                scheduled = _scheduled;
                _scheduled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
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
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public TimeSpan? DueAt { get; set; }

        public TimeSpan Period { get; set; } = Timeout.InfiniteTimeSpan;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
            {
                return false;
            }

            clock.Schedule(this, dueTime, period);
            return true;
        }

        /// <summary>Called under the clock's lock when this timer fires at <paramref name="now"/>.</summary>
        public void Rearm(TimeSpan now) =>
            DueAt = Period == Timeout.InfiniteTimeSpan || Period <= TimeSpan.Zero ? null : now + Period;

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
            DueAt = null;
            clock.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
