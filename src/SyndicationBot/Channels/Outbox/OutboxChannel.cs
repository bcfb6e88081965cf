using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels.Outbox;

/// <summary>
/// Appends each published post as one JSON line to a local file. Idempotent by the post's idempotency key:
/// the keys already in the file are loaded once, so a post re-sent after a crash between the append and
/// the ledger update is recognised and not written twice.
/// </summary>
internal sealed partial class OutboxChannel(
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

    private readonly SemaphoreSlim _gate = new(1, 1);
    private HashSet<string>? _written;

    public string Name => OutboxNetwork.Name;

    public bool Enabled => options.Value.Enabled;

    public DeliveryGuarantee Guarantee => OutboxNetwork.Descriptor.Guarantee;

    public string FilePath => System.IO.Path.GetFullPath(options.Value.Path, environment.ContentRootPath);

    public void Dispose() => _gate.Dispose();

    public async Task<PublishResult> PublishAsync(OutgoingPost post, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var written = await LoadAsync(cancellationToken);
            var remoteId = post.IdempotencyKey;
            if (written.Contains(remoteId))
            {
                Log.AlreadyWritten(logger, post.PostId, Name);
                return new PublishResult.Published(remoteId, new Uri(FilePath));
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

            await using (var stream = new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read))
            {
                // A crash mid-append can leave a torn last line; start ours on a fresh line so it stays parseable.
                var prefix = stream.Length > 0 && !await EndsWithNewlineAsync(stream, cancellationToken) ? "\n" : string.Empty;
                stream.Seek(0, SeekOrigin.End);
                var bytes = Encoding.UTF8.GetBytes(prefix + line + "\n");
                await stream.WriteAsync(bytes, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            written.Add(remoteId);
            Log.Written(logger, post.PostId, Name, post.Draft.Title, FilePath);
            return new PublishResult.Published(remoteId, new Uri(FilePath));
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<PublishResult.Published?> LookupAsync(OutgoingPost post, CancellationToken cancellationToken) =>
        Task.FromResult<PublishResult.Published?>(null);

    private async Task<HashSet<string>> LoadAsync(CancellationToken cancellationToken)
    {
        if (_written is not null)
        {
            return _written;
        }

        var written = new HashSet<string>(StringComparer.Ordinal);
        var path = FilePath;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        if (File.Exists(path))
        {
            foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
            {
                if (TryReadKey(line) is { } key)
                {
                    written.Add(key);
                }
            }
        }

        _written = written;
        return written;
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

    private static async Task<bool> EndsWithNewlineAsync(FileStream stream, CancellationToken cancellationToken)
    {
        stream.Seek(-1, SeekOrigin.End);
        var last = new byte[1];
        var read = await stream.ReadAsync(last, cancellationToken);
        return read == 1 && last[0] == (byte)'\n';
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId} on {Channel}: \"{Title}\" written to {Path}")]
        public static partial void Written(ILogger logger, long postId, string channel, string title, string path);

        [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId} on {Channel} was already in the outbox; not written again")]
        public static partial void AlreadyWritten(ILogger logger, long postId, string channel);
    }
}
