using System.Globalization;
using System.Text.Json;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Scheduling;

namespace SyndicationBot.Hosting.Commands;

/// <summary>
/// The operator verbs over the ledger: <c>queue list|cancel|retry|reschedule|approve</c>, <c>history</c>. They work on
/// the database of a running service; its dispatcher notices the change within <c>Dispatch:MaxIdle</c>.
/// </summary>
internal sealed class QueueCommands(IPostQueue queue, TimeProvider timeProvider, TimeZoneInfo displayZone, IPostScheduler? scheduler = null)
{
    private static readonly PostState[] Upcoming = [PostState.Held, PostState.Queued, PostState.Publishing, PostState.RetryWaiting, PostState.InDoubt];
    private static readonly PostState[] Past = [PostState.Published, PostState.Failed, PostState.Skipped, PostState.Cancelled, PostState.InDoubt];

    /// <summary><c>queue [list] [--all] [--json] [--limit N]</c>: upcoming posts (or all) in due order.</summary>
    public async Task<int> ListAsync(bool all, bool json, int limit, TextWriter output, CancellationToken cancellationToken)
    {
        await queue.InitializeAsync(cancellationToken);
        var states = all ? Enum.GetValues<PostState>() : Upcoming;
        await WritePostsAsync(output, await queue.ListAsync(states, limit, newestFirst: false, cancellationToken), json);
        return 0;
    }

    /// <summary><c>history [--json] [--limit N]</c>: posts that went out or ended, newest first.</summary>
    public async Task<int> HistoryAsync(bool json, int limit, TextWriter output, CancellationToken cancellationToken)
    {
        await queue.InitializeAsync(cancellationToken);
        await WritePostsAsync(output, await queue.ListAsync(Past, limit, newestFirst: true, cancellationToken), json);
        return 0;
    }

    /// <summary><c>queue cancel|retry|reschedule|approve &lt;id&gt; [time]</c>. An approved post gets its due time from the channel's schedule now, as a new post would. Exit 1 when the post is missing or in a state the action does not apply to, 2 for a bad time.</summary>
    public async Task<int> ChangeAsync(string action, long id, string? time, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await queue.InitializeAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        bool changed;
        switch (action)
        {
            case "cancel":
                changed = await queue.CancelAsync(id, now, cancellationToken);
                break;
            case "retry":
                changed = await queue.RetryAsync(id, now, cancellationToken);
                break;
            case "approve":
                // Approval never jumps the queue: the schedule gives the post its time (spacing, slots, quiet hours) as of
                // now, and the dispatcher still applies the caps, the budget and the rate limit when it comes.
                changed = scheduler is not null
                    && await queue.GetAsync(id, cancellationToken) is { } held
                    && PostStates.Approvable.Contains(held.State)
                    && await queue.ApproveAsync(id, await scheduler.AssignDueAsync(held.Channel, held.Urgent, now, cancellationToken), now, cancellationToken);
                break;
            case "reschedule":
                if (time is null || !TryParseTime(time, out var due))
                {
                    await error.WriteLineAsync($"queue reschedule: give the new time as ISO 8601, e.g. '2026-12-01T09:00:00+01:00' (a time without offset is read in {displayZone.Id}).");
                    return 2;
                }

                if (due < now)
                {
                    // A past due time would publish at once, which is what 'queue retry' says plainly; a typo in the year must not do it.
                    var local = TimeZoneInfo.ConvertTime(now, displayZone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
                    await error.WriteLineAsync($"queue reschedule: {time} is in the past (now is {local} in {displayZone.Id}); give a later time, or use 'queue retry {id}' to send it now.");
                    return 2;
                }

                changed = await queue.RescheduleAsync(id, due, now, cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown queue action.");
        }

        var post = await queue.GetAsync(id, cancellationToken);
        if (post is null)
        {
            await error.WriteLineAsync($"queue {action}: there is no post {id}.");
            return 1;
        }

        if (!changed)
        {
            await error.WriteLineAsync($"queue {action}: post {id} is {post.State}; {action} does not apply to a post in that state.");
            return 1;
        }

        await WritePostsAsync(output, [post], json);
        return 0;
    }

    private bool TryParseTime(string text, out DateTimeOffset time)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time)
            && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 9))
        {
            return true;
        }

        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            time = new DateTimeOffset(local, displayZone.GetUtcOffset(local));
            return true;
        }

        return false;
    }

    private async Task WritePostsAsync(TextWriter output, IReadOnlyList<QueuedPost> posts, bool json)
    {
        if (json)
        {
            await CommandOutput.WriteJsonAsync(output, writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("posts");
                foreach (var post in posts)
                {
                    WritePost(writer, post);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            });
            return;
        }

        await output.WriteLineAsync($"{"ID",6}  {"CHANNEL",-9} {"STATE",-12} {"DUE (" + displayZone.Id + ")",-26} {"TRIES",5}  TITLE / DETAIL");
        foreach (var post in posts)
        {
            var due = TimeZoneInfo.ConvertTime(post.NextAttemptAt ?? post.DueAt, displayZone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
            var detail = post.State == PostState.Published ? post.RemoteUrl?.ToString() ?? post.RemoteId ?? string.Empty : post.LastError ?? string.Empty;
            var title = post.ArticleTitle.Length > 60 ? post.ArticleTitle[..59] + "…" : post.ArticleTitle;
            await output.WriteLineAsync($"{post.Id,6}  {post.Channel,-9} {post.State,-12} {due,-26} {post.Attempts,5}  {title}{(detail.Length > 0 ? "  — " + detail : string.Empty)}");
        }

        if (posts.Count == 0)
        {
            await output.WriteLineAsync("(no posts)");
        }
    }

    private void WritePost(Utf8JsonWriter writer, QueuedPost post)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", post.Id);
        writer.WriteString("channel", post.Channel);
        writer.WriteString("state", post.State.ToString());
        writer.WriteString("title", post.ArticleTitle);
        writer.WriteString("text", post.Draft.Text);
        writer.WriteString("dueAt", post.DueAt.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteString("dueLocal", TimeZoneInfo.ConvertTime(post.DueAt, displayZone).ToString("O", CultureInfo.InvariantCulture));
        writer.WriteString("timeZone", displayZone.Id);
        writer.WriteNumber("attempts", post.Attempts);
        WriteOptional(writer, "nextAttemptAt", post.NextAttemptAt?.ToString("O", CultureInfo.InvariantCulture));
        WriteOptional(writer, "lastError", post.LastError);
        WriteOptional(writer, "remoteId", post.RemoteId);
        WriteOptional(writer, "remoteUrl", post.RemoteUrl?.ToString());
        WriteOptional(writer, "publishedAt", post.PublishedAt?.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
