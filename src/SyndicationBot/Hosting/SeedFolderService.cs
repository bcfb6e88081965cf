using System.IO.Enumeration;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyndicationBot.Articles;
using SyndicationBot.Ingestion;
using SyndicationBot.Publishing;

namespace SyndicationBot.Hosting;

/// <summary>
/// Reads the seed folder at start and picks up files added or changed while running: a file-system watcher
/// for promptness plus a periodic rescan as a safety net (watchers drop events on some file systems and in
/// containers). A file is read only once its size and modification time have stayed the same for
/// <see cref="WatchOptions.SettleTime"/>, so a file still being written is not read half-way.
/// </summary>
internal sealed partial class SeedFolderService(
    ArticleIngestor ingestor,
    IOptions<SourcesOptions> sources,
    IOptions<WatchOptions> watch,
    IHostEnvironment environment,
    TimeProvider timeProvider,
    ILogger<SeedFolderService> logger,
    LoopHeartbeats? heartbeats = null,
    SyndicationMetrics? metrics = null) : BackgroundService
{
    // Deep enough for any archive layout, shallow enough that a loop of folder links ends.
    private const int MaxFolderDepth = 32;

    private readonly Dictionary<string, Observation> _observed = new(StringComparer.Ordinal);
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private FileSystemWatcher? _watcher;
    private bool _initialScanDone;

    /// <summary>The seed folder, absolute.</summary>
    public string FolderPath => Path.GetFullPath(sources.Value.SeedsPath, environment.ContentRootPath);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(FolderPath))
        {
            throw new OptionsValidationException(
                SourcesOptions.SectionName,
                typeof(SourcesOptions),
                [$"Sources:SeedsPath '{sources.Value.SeedsPath}' does not exist (resolved to '{FolderPath}'). Create the folder or point the setting at the folder of pages to post."]);
        }

        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _watcher?.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// One scan: ingests every settled file not handled before. Returns how many files were handed to the ingestor.
    /// What is not a page (a pipe, a device, a socket, a link leading out of the folder) is reported once and never
    /// opened; an entry that fails (moved away, unreadable) is reported and the scan goes on with the next.
    /// </summary>
    public async Task<int> ScanOnceAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var handled = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var root = FolderPath;
        var realRoot = SafeFileReader.RealPath(root);
        foreach (var path in ListFiles(root).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (IsIgnored(path))
            {
                continue;
            }

            seen.Add(path);
            try
            {
                if (await LookAsync(path, realRoot, now, cancellationToken))
                {
                    handled++;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Not marked handled: the next scan tries the file again.
                Log.EntryFailed(logger, exception, path);
            }

            // A long first scan (a full folder) is the loop turning, not a stuck one.
            heartbeats?.Beat(LoopHeartbeats.Watcher);
        }

        foreach (var gone in _observed.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            _observed.Remove(gone);
        }

        _initialScanDone = true;
        return handled;
    }

    // True when the file was handed to the ingestor.
    private async Task<bool> LookAsync(string path, string realRoot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var refusal = SafeFileReader.Refusal(path, realRoot, sources.Value.FollowSymlinksOutside, out var target);

        // The stamp of what would be read (a link's target); for a refused entry, of the entry itself.
        var info = new FileInfo(refusal is null ? target : path);
        var stamp = info.Exists ? (info.Length, info.LastWriteTimeUtc.Ticks) : (-1L, 0L);
        if (_observed.TryGetValue(path, out var previous) && previous.Stamp == stamp)
        {
            if (previous.Handled || now - previous.FirstSeen < watch.Value.SettleTime)
            {
                return false;
            }
        }
        else
        {
            // New or changed: wait until it has stayed the same for the settle time. Only files already there at
            // start-up may be taken at once when their time stamp is old enough; anything that appears later is
            // judged by our own observations alone, so a slow copy is never read half-way.
            var age = now - new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero);
            var settled = !_initialScanDone && previous is null && age >= watch.Value.SettleTime;
            _observed[path] = new Observation(stamp, now, Handled: false);
            if (!settled)
            {
                return false;
            }
        }

        if (refusal is not null)
        {
            // Reported once it has settled (a page being copied in is empty at first), and once per state of the entry.
            Log.NotRead(logger, path, refusal);
            _observed[path] = _observed[path] with { Handled = true };
            return false;
        }

        metrics?.RecordIngest("seeds", await ingestor.IngestFileAsync(path, cancellationToken));
        _observed[path] = _observed[path] with { Handled = true };
        return true;
    }

    // Files in the folder and its subfolders. A linked subfolder is entered only when links may lead outside:
    // otherwise whatever it holds is either outside or already listed under its real place.
    private FileSystemEnumerable<string> ListFiles(string root)
    {
        var followOutside = sources.Value.FollowSymlinksOutside;
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = 0,
            MaxRecursionDepth = MaxFolderDepth,
        };
        return new FileSystemEnumerable<string>(root, (ref entry) => entry.ToFullPath(), options)
        {
            ShouldIncludePredicate = (ref entry) => !entry.IsDirectory,
            ShouldRecursePredicate = (ref entry) => followOutside || (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        StartWatcher();
        Log.Watching(logger, FolderPath);
        while (!stoppingToken.IsCancellationRequested)
        {
            heartbeats?.Beat(LoopHeartbeats.Watcher);
            try
            {
                await ScanOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                Log.ScanFailed(logger, exception, FolderPath);
            }

            // Pending (unsettled) files need a look soon; otherwise wait for the watcher or the periodic rescan.
            var pending = _observed.Values.Any(o => !o.Handled);
            var wait = pending ? watch.Value.SettleTime : watch.Value.RescanInterval;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var delay = Task.Delay(wait, timeProvider, timeout.Token);
                var changed = _changes.Reader.WaitToReadAsync(timeout.Token).AsTask();
                var first = await Task.WhenAny(delay, changed);
                await timeout.CancelAsync();
                _changes.Reader.TryRead(out _);
                if (first == changed && !pending)
                {
                    // Let the writer finish before the next look (debounce).
                    await Task.Delay(watch.Value.SettleTime, timeProvider, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    private void StartWatcher()
    {
        try
        {
            _watcher = new FileSystemWatcher(FolderPath)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            _watcher.Created += (_, _) => _changes.Writer.TryWrite(true);
            _watcher.Changed += (_, _) => _changes.Writer.TryWrite(true);
            _watcher.Renamed += (_, _) => _changes.Writer.TryWrite(true);
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception exception) when (exception is IOException or PlatformNotSupportedException or ArgumentException)
        {
            // inotify limits or an unsupported file system: the periodic rescan still finds new files.
            Log.WatcherUnavailable(logger, FolderPath, exception.Message);
        }
    }

    private static bool IsIgnored(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith('.')
            || name.EndsWith('~')
            || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".part", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".partial", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".crdownload", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".swp", StringComparison.OrdinalIgnoreCase);
    }

    private sealed record Observation((long Length, long Ticks) Stamp, DateTimeOffset FirstSeen, bool Handled);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Folder} for pages")]
        public static partial void Watching(ILogger logger, string folder);

        [LoggerMessage(Level = LogLevel.Error, Message = "Scanning {Folder} failed; trying again at the next rescan")]
        public static partial void ScanFailed(ILogger logger, Exception exception, string folder);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Not reading {Path}: it {Reason}")]
        public static partial void NotRead(ILogger logger, string path, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Reading {Path} failed; the scan goes on and the file is tried again at the next one")]
        public static partial void EntryFailed(ILogger logger, Exception exception, string path);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot watch {Folder} ({Reason}); relying on the periodic rescan")]
        public static partial void WatcherUnavailable(ILogger logger, string folder, string reason);
    }
}
