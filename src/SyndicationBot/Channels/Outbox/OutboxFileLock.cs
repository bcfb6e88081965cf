namespace SyndicationBot.Channels.Outbox;

/// <summary>
/// A cross-process lock beside the outbox file (<c>outbox.jsonl.lock</c>): an exclusive handle (FileShare.None,
/// an advisory flock on Unix), so two services on one outbox never interleave a line or both append the same key.
/// Hand-written because no package offers a portable lock file with a bounded wait on an injected clock.
/// </summary>
internal sealed class OutboxFileLock : IDisposable
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(20);
    private readonly FileStream _handle;

    private OutboxFileLock(FileStream handle)
    {
        _handle = handle;
    }

    /// <summary>Takes the lock, retrying while another process holds it; null when it is still held after <paramref name="wait"/>.</summary>
    public static async Task<OutboxFileLock?> TryAcquireAsync(string path, TimeSpan wait, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetUtcNow() + wait;
        while (true)
        {
            try
            {
                return new OutboxFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (File.Exists(path) && timeProvider.GetUtcNow() < deadline)
            {
                // Held by another process: it appends one line and lets go.
                await Task.Delay(RetryEvery, timeProvider, cancellationToken);
            }
            catch (IOException) when (File.Exists(path))
            {
                return null;
            }
        }
    }

    public void Dispose() => _handle.Dispose();
}
