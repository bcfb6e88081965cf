using System.Globalization;
using System.Text.Json;
using SyndicationBot.Queue;

namespace SyndicationBot.Hosting.Commands;

/// <summary>
/// The operator verbs over the ledger: <c>queue list|cancel|retry|reschedule</c>, <c>history</c>. They work on
/// the database of a running service; its dispatcher notices the change within <c>Dispatch:MaxIdle</c>.
/// </summary>
internal sealed class QueueCommands(IPostQueue queue, TimeProvider timeProvider, TimeZoneInfo displayZone)
{
    private static readonly PostState[] Upcoming = [PostState.Queued, PostState.Publishing, PostState.RetryWaiting, PostState.InDoubt];
    private static readonly PostState[] Past = [PostState.Published, PostState.Failed, PostState.Skipped, PostState.Cancelled, PostState.InDoubt];

    public async Task<int> RunAsync(ParsedCommandLine command, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await queue.InitializeAsync(cancellationToken);
        var json = command.Has("--json");
        var limit = command.Values.TryGetValue("--limit", out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 100;
        if (command.Verb == "history")
        {
            var past = await queue.ListAsync(Past, limit, newestFirst: true, cancellationToken);
            await WritePostsAsync(output, past, json);
            return 0;
        }

        var action = command.Arguments.Count > 0 ? command.Arguments[0].ToLowerInvariant() : "list";
        switch (action)
        {
            case "list":
                var states = command.Has("--all") ? Enum.GetValues<PostState>() : Upcoming;
                await WritePostsAsync(output, await queue.ListAsync(states, limit, newestFirst: false, cancellationToken), json);
                return 0;
            case "cancel" or "retry" or "reschedule":
                return await ChangeAsync(action, command, output, error, json, cancellationToken);
            default:
                await error.WriteLineAsync($"queue: unknown action '{action}'. Use: queue list [--all] [--json] | queue cancel <id> | queue retry <id> | queue reschedule <id> <time>");
                return 2;
        }
    }

    private async Task<int> ChangeAsync(string action, ParsedCommandLine command, TextWriter output, TextWriter error, bool json, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count < 2 || !long.TryParse(command.Arguments[1], CultureInfo.InvariantCulture, out var id))
        {
            await error.WriteLineAsync($"queue {action}: give the post id, e.g. 'queue {action} 42{(action == "reschedule" ? " 2026-12-01T09:00:00+01:00" : string.Empty)}'.");
            return 2;
        }

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
            default:
                if (command.Arguments.Count < 3 || !TryParseTime(command.Arguments[2], out var due))
                {
                    await error.WriteLineAsync($"queue reschedule: give the new time as ISO 8601, e.g. '2026-12-01T09:00:00+01:00' (a time without offset is read in {displayZone.Id}).");
                    return 2;
                }

                changed = await queue.RescheduleAsync(id, due, now, cancellationToken);
                break;
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
