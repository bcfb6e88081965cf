namespace SyndicationBot.Publishing;

/// <summary>
/// Announces each finished dispatch pass, so whoever needs to know (a test driving the service, a probe) awaits the
/// pass instead of sleeping or polling the ledger.
/// </summary>
internal sealed class DispatchPasses
{
    private TaskCompletionSource<int> _next = NewSource();
    private long _completed;

    /// <summary>Passes finished so far.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Completes, with the number of posts it handled, when the next pass to finish after this call finishes.</summary>
    public Task<int> NextAsync() => Volatile.Read(ref _next).Task;

    /// <summary>Called by the dispatcher at the end of each pass.</summary>
    public void Complete(int handled)
    {
        Interlocked.Increment(ref _completed);
        Interlocked.Exchange(ref _next, NewSource()).TrySetResult(handled);
    }

    private static TaskCompletionSource<int> NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
