using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SyndicationBot.Queue.Scheduling;

namespace SyndicationBot.Hosting.Commands;

/// <summary>
/// The verbs, their arguments and options, and what each runs. A verb's host is built only when its action runs,
/// after parsing succeeded, and is disposed when the verb ends.
/// </summary>
internal sealed class CommandVerbs(Func<HostApplicationBuilder> createBuilder, TextWriter output, TextWriter error)
{
    private const string SettingsHelp = "Any setting can be given as --Section:Key=value (e.g. --Schedule:MinSpacing=00:00:30); it applies to every verb.";

    /// <summary>The root command: runs the service when no verb is given.</summary>
    public RootCommand CreateRoot()
    {
        var root = new RootCommand(
            "SyndicationBot reads news pages and feeds, summarises them, queues one post per network in a durable ledger and publishes them.\n"
            + SettingsHelp);
        root.SetAction((_, ct) => WithHostAsync(RunServiceAsync, ct));
        root.Subcommands.Add(CreateRun());
        root.Subcommands.Add(CreatePreview());
        root.Subcommands.Add(CreateIngest());
        root.Subcommands.Add(CreateQueue());
        root.Subcommands.Add(CreateHistory());
        root.Subcommands.Add(CreateInputs());
        root.Subcommands.Add(CreateRetract());
        root.Subcommands.Add(CreateRetractions());
        root.Subcommands.Add(CreateStatus());
        root.Subcommands.Add(CreateChannel());
        root.Subcommands.Add(CreateHealth());

        var help = new Command("help", "Show this help.");
        help.SetAction(_ => root.Parse("--help").Invoke(new InvocationConfiguration { Output = output, Error = error }));
        root.Subcommands.Add(help);
        return root;
    }

    private Command CreateRun()
    {
        var run = new Command("run", "Run the service (the default): read seeds/ and feeds, queue, publish. Stop it with Ctrl+C or SIGTERM.");
        run.SetAction((_, ct) => WithHostAsync(RunServiceAsync, ct));
        return run;
    }

    private Command CreatePreview()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Files or folders to read.", Arity = ArgumentArity.ZeroOrMore };
        var json = JsonOption();
        var preview = new Command("preview", "Show what would be posted on every network; touches neither the ledger nor any channel. Exit 1 when an input was rejected.") { inputs, json };
        preview.SetAction((parse, ct) => WithServicesAsync(
            (services, _) => ActivatorUtilities.CreateInstance<PreviewCommand>(services).RunAsync(parse.GetValue(inputs) ?? [], parse.GetValue(json), output, error),
            ct));
        return preview;
    }

    private Command CreateIngest()
    {
        var files = new Argument<string[]>("files") { Description = "Pages or feed files to add to the ledger now.", Arity = ArgumentArity.OneOrMore };
        var json = JsonOption();
        var ingest = new Command("ingest", "Add pages to the ledger now; a file already handled is reported with its earlier outcome. Exit 1 when an input was rejected.") { files, json };
        ingest.SetAction((parse, ct) => WithServicesAsync(
            (services, token) => ActivatorUtilities.CreateInstance<IngestCommand>(services).RunAsync(parse.GetValue(files) ?? [], parse.GetValue(json), output, error, token),
            ct));
        return ingest;
    }

    private Command CreateQueue()
    {
        var queue = new Command("queue", "Upcoming posts, and the operator's decisions on one post. Without an action: list.");
        AddList(queue);

        var list = new Command("list", "Upcoming posts (held for approval, queued, publishing, retrying, in doubt) with their local due times.");
        AddList(list);
        queue.Subcommands.Add(list);

        queue.Subcommands.Add(CreateChange("cancel", "Cancel a post that has not gone out, or acknowledge a failed one (dead letter).", withTime: false));
        queue.Subcommands.Add(CreateChange("retry", "Queue a failed, skipped, cancelled or in-doubt post again, due now.", withTime: false));
        queue.Subcommands.Add(CreateChange("reschedule", "Move a post that has not gone out to a new time, which must be in the future.", withTime: true));
        queue.Subcommands.Add(CreateChange("approve", "Release a post held for approval: it is queued at the next time its channel's schedule gives.", withTime: false));
        return queue;
    }

    private void AddList(Command command)
    {
        var all = new Option<bool>("--all") { Description = "Posts in every state, not only upcoming ones." };
        var json = JsonOption();
        var limit = LimitOption();
        command.Options.Add(all);
        command.Options.Add(json);
        command.Options.Add(limit);
        command.SetAction((parse, ct) => WithQueueCommandsAsync(
            (commands, token) => commands.ListAsync(parse.GetValue(all), parse.GetValue(json), parse.GetValue(limit), output, token),
            ct));
    }

    private Command CreateChange(string action, string description, bool withTime)
    {
        var id = new Argument<long>("id") { Description = "The post's id, as 'queue list' shows it." };
        var time = new Argument<string>("time") { Description = "ISO 8601, e.g. 2026-12-01T09:00:00+01:00; without an offset it is read in the schedule's time zone." };
        var json = JsonOption();
        var command = new Command(action, description) { id };
        if (withTime)
        {
            command.Arguments.Add(time);
        }

        command.Options.Add(json);
        command.SetAction((parse, ct) => WithQueueCommandsAsync(
            (commands, token) => commands.ChangeAsync(action, parse.GetValue(id), withTime ? parse.GetValue(time) : null, parse.GetValue(json), output, error, token),
            ct));
        return command;
    }

    private Command CreateHistory()
    {
        var json = JsonOption();
        var limit = LimitOption();
        var history = new Command("history", "Published posts with their URLs, failures with their reasons, newest first.") { json, limit };
        history.SetAction((parse, ct) => WithQueueCommandsAsync(
            (commands, token) => commands.HistoryAsync(parse.GetValue(json), parse.GetValue(limit), output, token),
            ct));
        return history;
    }

    private Command CreateRetract()
    {
        var article = new Argument<string>("article") { Description = "The article's key (its canonical URL, as 'queue list --all --json' shows it) or the id of one of its posts." };
        var reason = new Option<string>("--reason") { Description = "Why it is withdrawn; recorded with who and when." };
        var json = JsonOption();
        var retract = new Command("retract", "Take an article back: delete its published posts on every channel that allows it, cancel those not sent, report the rest. Exit 1 when some are left.") { article, reason, json };
        retract.SetAction((parse, ct) => WithServicesAsync(
            (services, token) => ActivatorUtilities.CreateInstance<RetractCommand>(services, ActivatorUtilities.CreateInstance<Retraction.ArticleRetractor>(services))
                .RetractAsync(parse.GetValue(article)!, parse.GetValue(reason), parse.GetValue(json), output, error, token),
            ct));
        return retract;
    }

    private Command CreateRetractions()
    {
        var json = JsonOption();
        var limit = LimitOption();
        var list = new Command("retractions", "Every retraction recorded, newest first: which post, what was done, who, why and when.") { json, limit };
        list.SetAction((parse, ct) => WithServicesAsync(
            (services, token) => ActivatorUtilities.CreateInstance<RetractCommand>(services, ActivatorUtilities.CreateInstance<Retraction.ArticleRetractor>(services))
                .ListAsync(parse.GetValue(json), parse.GetValue(limit), output, token),
            ct));
        return list;
    }

    private Command CreateInputs()
    {
        var json = JsonOption();
        var limit = LimitOption();
        var inputs = new Command("inputs", "What became of every input read: queued, updated, duplicate (with the reason), skipped, rejected (with the reason).") { json, limit };
        inputs.SetAction((parse, ct) => WithServicesAsync(
            (services, token) => ActivatorUtilities.CreateInstance<InputsCommand>(services).RunAsync(parse.GetValue(json), parse.GetValue(limit), output, token),
            ct));
        return inputs;
    }

    private Command CreateStatus()
    {
        var json = JsonOption();
        var status = new Command("status", "Whether a service is running, channels, posts per state, paused channels, posts needing a decision. Exit 1 when something needs attention.") { json };
        status.SetAction((parse, ct) => WithServicesAsync(
            (services, token) => ActivatorUtilities.CreateInstance<StatusCommand>(services).RunAsync(parse.GetValue(json), output, token),
            ct));
        return status;
    }

    private Command CreateChannel()
    {
        var channel = new Command("channel", "The kill switch: pause or resume publishing on a channel; posts are kept, every running service obeys within one dispatch turn.");
        channel.Subcommands.Add(CreateSwitch(pause: true));
        channel.Subcommands.Add(CreateSwitch(pause: false));
        return channel;
    }

    private Command CreateSwitch(bool pause)
    {
        var name = new Argument<string?>("name") { Description = "The channel (x, mastodon, bluesky, telegram, facebook, webhook, outbox).", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = pause ? "Pause every channel." : "Resume every channel." };
        var command = new Command(pause ? "pause" : "resume", pause ? "Stop publishing on a channel until it is resumed; its posts are kept." : "Publish on a paused channel again.") { name, all };
        command.Validators.Add(result =>
        {
            var hasName = result.GetValue(name) is { Length: > 0 };
            if (hasName == result.GetValue(all))
            {
                result.AddError($"channel {command.Name}: name one channel or give --all (not both).");
            }
        });
        command.SetAction((parse, ct) => WithServicesAsync(
            (services, token) => ActivatorUtilities.CreateInstance<ChannelCommands>(services).RunAsync(pause, parse.GetValue(name), parse.GetValue(all), output, error, token),
            ct));
        return command;
    }

    private Command CreateHealth()
    {
        var url = new Option<Uri?>("--url") { Description = "The running service's address (default: the first http:// entry of Http:Urls, a wildcard host asked on the loopback)." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for the answer.", DefaultValueFactory = _ => 5 };
        var health = new Command("health", "Ask the running service's /healthz (the container's HEALTHCHECK). Exit 0 healthy, 1 unhealthy, 3 nothing answers.") { url, timeout };
        health.SetAction((parse, ct) => HealthCommand.RunAsync(
            createBuilder().Configuration, parse.GetValue(url), TimeSpan.FromSeconds(Math.Max(0.1, parse.GetValue(timeout))), output, error, ct));
        return health;
    }

    private static Option<bool> JsonOption() => new("--json") { Description = "One JSON document on standard output (logs go to standard error)." };

    private static Option<int> LimitOption()
    {
        var limit = new Option<int>("--limit") { Description = "At most this many rows.", DefaultValueFactory = _ => 100 };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--limit must be at least 1.");
            }
        });
        return limit;
    }

    private Task<int> WithQueueCommandsAsync(Func<QueueCommands, CancellationToken, Task<int>> verb, CancellationToken cancellationToken) =>
        WithServicesAsync(
            (services, token) =>
            {
                var schedule = services.GetRequiredService<IOptions<ScheduleOptions>>().Value;
                var zoneId = schedule.Default?.TimeZone ?? ScheduleOptions.DefaultTimeZone;
                var zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : TimeZoneInfo.Utc;
                return verb(ActivatorUtilities.CreateInstance<QueueCommands>(services, zone), token);
            },
            cancellationToken);

    private Task<int> WithServicesAsync(Func<IServiceProvider, CancellationToken, Task<int>> verb, CancellationToken cancellationToken) =>
        WithHostAsync((host, token) => verb(host.Services, token), cancellationToken);

    private async Task<int> WithHostAsync(Func<IHost, CancellationToken, Task<int>> verb, CancellationToken cancellationToken)
    {
        try
        {
            using var host = createBuilder().Build();
            return await verb(host, cancellationToken);
        }
        catch (OptionsValidationException exception)
        {
            await error.WriteLineAsync("Configuration error, the service cannot start:");
            foreach (var failure in exception.Failures)
            {
                await error.WriteLineAsync("  - " + failure);
            }

            return SyndicationBotCommandLine.UsageError;
        }
        catch (Exception exception) when (exception is Queue.LedgerUnavailableException or Microsoft.Data.Sqlite.SqliteException)
        {
            // The ledger failed under a verb (damaged past what start-up checks, locked, disk full): say so, never crash.
            await error.WriteLineAsync($"The ledger ({Queue.StorageOptions.SectionName}:ConnectionString) cannot be used: {exception.Message}");
            return 1;
        }
        catch (InvalidOperationException exception) when (exception.Message.Contains("configuration value", StringComparison.OrdinalIgnoreCase))
        {
            // The binder names the key and the type ("Failed to convert configuration value at 'Schedule:MinSpacing' to type 'System.TimeSpan'").
            await error.WriteLineAsync("Configuration error, the service cannot start:");
            await error.WriteLineAsync("  - " + exception.Message + (exception.InnerException is { } inner ? " " + inner.Message : string.Empty));
            return SyndicationBotCommandLine.UsageError;
        }
    }

    private static async Task<int> RunServiceAsync(IHost host, CancellationToken cancellationToken)
    {
        // Settings are validated here, before the host starts, so a bad key ends with our one-line message rather
        // than after the host's own "Hosting failed to start" error with its stack trace.
        host.Services.GetService<IStartupValidator>()?.Validate();
        var services = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
        await host.StartAsync(cancellationToken);
        await host.WaitForShutdownAsync(cancellationToken);

        // A background service that died (StopHost) must not look like a clean exit to the container runtime.
        return services.Any(service => service.ExecuteTask is { IsFaulted: true }) ? 1 : 0;
    }
}
