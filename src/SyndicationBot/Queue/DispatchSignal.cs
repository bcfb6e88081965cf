namespace SyndicationBot.Queue;

/// <summary>Wakes the dispatcher early when something is enqueued or rescheduled, so it never polls to notice.</summary>
internal sealed class DispatchSignal
{
    private TaskCompletionSource _wake = NewSource();

    /// <summary>Wakes a waiting dispatcher (or the next one to wait).</summary>
    public void Notify() => Volatile.Read(ref _wake).TrySetResult();

    /// <summary>Waits until notified, until <paramref name="timeout"/> passes on <paramref name="timeProvider"/>, or until cancelled.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var wake = Volatile.Read(ref _wake);
        if (!wake.Task.IsCompleted)
        {
            using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(timeout, timeProvider, delayCancellation.Token);
            await Task.WhenAny(wake.Task, delay);
            await delayCancellation.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }

        // Consume the notification: later Notify calls wake the next wait.
        Interlocked.CompareExchange(ref _wake, NewSource(), wake);
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
