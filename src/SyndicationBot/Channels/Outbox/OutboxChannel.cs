using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels.Outbox;

/// <summary>
/// Appends each published post as one JSON line to a local file. Idempotent by the post's idempotency key:
/// the keys already in the file (read under a cross-process lock, so another service appending to the same file
/// counts too) are skipped, so a post re-sent after a crash between the append and the ledger update is not
/// written twice.
/// </summary>
internal sealed partial class OutboxChannel(
    ChannelAccount account,
    IOptions<OutboxOptions> options,
    IHostEnvironment environment,
    TimeProvider timeProvider,
    ILogger<OutboxChannel> logger) : IChannel, IDisposable
{
    // Readable « », accents, Arabic and CJK in the file (still valid JSON; HTML-sensitive escaping is not needed here).
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = OutboxJsonContext.Default,
    };

    // How long a publish waits for another process holding the outbox lock before it is retried later.
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    // How far the file has been read for keys, and whether it ended on a line break there; another process may
    // have appended since, so every publish reads on from here under the lock.
    private long _readTo;
    private bool _endsWithNewline = true;

    public string Name => account.Id;

    public bool Enabled => options.Value.Enabled;

    public DeliveryGuarantee Guarantee => OutboxNetwork.Descriptor.Guarantee;

    public string FilePath => System.IO.Path.GetFullPath(options.Value.Path, environment.ContentRootPath);

    public void Dispose() => _gate.Dispose();

    public async Task<PublishResult> PublishAsync(OutgoingPost post, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var path = FilePath;
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            using var fileLock = await OutboxFileLock.TryAcquireAsync(path + ".lock", LockWait, timeProvider, cancellationToken);
            if (fileLock is null)
            {
                return new PublishResult.RetryLater($"the outbox file '{path}' is locked by another process ({path}.lock)", null, NotSent: true);
            }

            // Under the lock: the keys another process appended since our last look count too.
            await ReadNewLinesAsync(path, cancellationToken);
            var remoteId = post.IdempotencyKey;
            if (_written.Contains(remoteId))
            {
                Log.AlreadyWritten(logger, post.PostId, Name);
                return new PublishResult.Published(remoteId, new Uri(path));
            }

            var entry = new OutboxEntry(
                post.PostId,
                post.IdempotencyKey,
                Name,
                post.Draft.Title,
                post.Draft.Text,
                post.Draft.Link?.AbsoluteUri,
                post.Draft.Language,
                timeProvider.GetUtcNow());
            var line = JsonSerializer.Serialize(entry, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<OutboxEntry>)JsonOptions.GetTypeInfo(typeof(OutboxEntry)));

            // A crash mid-append can leave a torn last line; start ours on a fresh line so it stays parseable.
            var bytes = Encoding.UTF8.GetBytes((_endsWithNewline ? string.Empty : "\n") + line + "\n");

            // Append mode (O_APPEND): every write lands at the end of the file, wherever another writer left it.
            await using (var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
            {
                await stream.WriteAsync(bytes, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
                _readTo = stream.Position;
            }

            _endsWithNewline = true;
            _written.Add(remoteId);
            Log.Written(logger, post.PostId, Name, post.Draft.Title, path);
            return new PublishResult.Published(remoteId, new Uri(path));
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<RetractResult> RetractAsync(RetractRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<RetractResult>(new RetractResult.NotPossible("this build writes no retraction line to the outbox yet"));

    public Task<LookupResult> LookupAsync(OutgoingPost post, CancellationToken cancellationToken) =>
        Task.FromResult<LookupResult>(new LookupResult.Unavailable("the outbox dedupes by key instead"));

    private async Task ReadNewLinesAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            _written.Clear();
            (_readTo, _endsWithNewline) = (0, true);
            return;
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length < _readTo)
        {
            // Truncated or replaced by the operator: what it holds now is all there is.
            _written.Clear();
            _readTo = 0;
        }

        if (stream.Length == _readTo)
        {
            return;
        }

        stream.Seek(_readTo, SeekOrigin.Begin);
        var appended = new byte[stream.Length - _readTo];
        await stream.ReadExactlyAsync(appended, cancellationToken);
        foreach (var text in Encoding.UTF8.GetString(appended).Split('\n'))
        {
            if (TryReadKey(text) is { } key)
            {
                _written.Add(key);
            }
        }

        _readTo += appended.Length;
        _endsWithNewline = appended[^1] == (byte)'\n';
    }

    private static string? TryReadKey(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(line, OutboxJsonContext.Default.OutboxEntry)?.IdempotencyKey;
        }
        catch (JsonException)
        {
            // A torn line from a crash mid-append: that post was not acknowledged, so it will be written again.
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId} on {Channel}: \"{Title}\" written to {Path}")]
        public static partial void Written(ILogger logger, long postId, string channel, string title, string path);

        [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId} on {Channel} was already in the outbox; not written again")]
        public static partial void AlreadyWritten(ILogger logger, long postId, string channel);
    }
}
