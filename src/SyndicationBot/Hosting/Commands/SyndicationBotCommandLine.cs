using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SyndicationBot.Queue;

namespace SyndicationBot.Hosting.Commands;

/// <summary>Runs the verb named on the command line against the host built by <c>AddSyndicationBot()</c>.</summary>
internal static class SyndicationBotCommandLine
{
    /// <summary>The usage text.</summary>
    public const string Usage =
        """
        Usage: SyndicationBot [verb] [arguments] [--Section:Key=value ...]

          run                                 run the service (the default): read seeds/ and feeds, queue, publish
          preview <file-or-folder>... [--json]  show what would be posted on every network; touches nothing
          ingest <file>... [--json]           add pages to the ledger now
          queue list [--all] [--json] [--limit N]   upcoming posts with local due times
          queue cancel <id>                   cancel a post that has not gone out
          queue retry <id>                    queue a failed, skipped or in-doubt post again, now
          queue reschedule <id> <time>        move a post (ISO 8601, e.g. 2026-12-01T09:00:00+01:00)
          history [--json] [--limit N]        published posts with their URLs, failures with reasons
          status [--json]                     health: channels, posts per state, paused channels, posts needing a decision

        Any setting can be given as --Section:Key=value (e.g. --Schedule:MinSpacing=00:00:30).
        """;

    /// <summary>Builds the host from <paramref name="builder"/> and runs the verb. Returns the process exit code.</summary>
    public static async Task<int> RunAsync(HostApplicationBuilder builder, ParsedCommandLine command, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            switch (command.Verb)
            {
                case "run":
                    return await RunServiceAsync(builder);
                case "preview":
                    {
                        using var host = builder.Build();
                        var preview = ActivatorUtilities.CreateInstance<PreviewCommand>(host.Services);
                        return await preview.RunAsync(command.Arguments, command.Has("--json"), output, error);
                    }

                case "queue" or "history":
                    {
                        using var host = builder.Build();
                        var schedule = host.Services.GetRequiredService<IOptions<Queue.Scheduling.ScheduleOptions>>().Value;
                        var zoneId = schedule.Default?.TimeZone ?? Queue.Scheduling.ScheduleOptions.DefaultTimeZone;
                        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : TimeZoneInfo.Utc;
                        var commands = ActivatorUtilities.CreateInstance<QueueCommands>(host.Services, zone);
                        return await commands.RunAsync(command, output, error, CancellationToken.None);
                    }

                case "status":
                    {
                        using var host = builder.Build();
                        var status = ActivatorUtilities.CreateInstance<StatusCommand>(host.Services);
                        return await status.RunAsync(command.Has("--json"), output, CancellationToken.None);
                    }

                case "ingest":
                    {
                        using var host = builder.Build();
                        return await IngestAsync(host.Services, command, output, error);
                    }

                case "help":
                    await output.WriteLineAsync(Usage);
                    return 0;
                default:
                    await error.WriteLineAsync($"Unknown verb '{command.Verb}'.");
                    await error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        catch (OptionsValidationException exception)
        {
            await error.WriteLineAsync("Configuration error, the service cannot start:");
            foreach (var failure in exception.Failures)
            {
                await error.WriteLineAsync("  - " + failure);
            }

            return 2;
        }
        catch (Exception exception) when (exception is LedgerUnavailableException or Microsoft.Data.Sqlite.SqliteException)
        {
            // The ledger failed under a verb (damaged past what start-up checks, locked, disk full): say so, never crash.
            await error.WriteLineAsync($"The ledger ({StorageOptions.SectionName}:ConnectionString) cannot be used: {exception.Message}");
            return 1;
        }
        catch (InvalidOperationException exception) when (exception.Message.Contains("configuration value", StringComparison.OrdinalIgnoreCase))
        {
            // The binder names the key and the type ("Failed to convert configuration value at 'Schedule:MinSpacing' to type 'System.TimeSpan'").
            await error.WriteLineAsync("Configuration error, the service cannot start:");
            await error.WriteLineAsync("  - " + exception.Message + (exception.InnerException is { } inner ? " " + inner.Message : string.Empty));
            return 2;
        }
    }

    private static async Task<int> RunServiceAsync(HostApplicationBuilder builder)
    {
        using var host = builder.Build();
        // Settings are validated here, before the host starts, so a bad key ends with our one-line message rather
        // than after the host's own "Hosting failed to start" error with its stack trace.
        host.Services.GetService<IStartupValidator>()?.Validate();
        var services = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
        await host.StartAsync();
        await host.WaitForShutdownAsync();

        // A background service that died (StopHost) must not look like a clean exit to the container runtime.
        return services.Any(service => service.ExecuteTask is { IsFaulted: true }) ? 1 : 0;
    }

    private static async Task<int> IngestAsync(IServiceProvider services, ParsedCommandLine command, TextWriter output, TextWriter error)
    {
        if (command.Arguments.Count == 0)
        {
            await error.WriteLineAsync("ingest: name at least one file, e.g. 'ingest page.txt'.");
            return 2;
        }

        var ingestor = services.GetRequiredService<ArticleIngestor>();
        var records = new List<IngestRecord>();
        var exit = 0;
        foreach (var path in command.Arguments)
        {
            if (!File.Exists(path))
            {
                await error.WriteLineAsync($"ingest: {path}: no such file.");
                exit = 1;
                continue;
            }

            records.AddRange(await ingestor.IngestFileAsync(path, CancellationToken.None));
        }

        if (records.Any(r => r.Outcome == "rejected"))
        {
            exit = 1;
        }

        if (command.Has("--json"))
        {
            await CommandOutput.WriteJsonAsync(output, writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("inputs");
                foreach (var record in records)
                {
                    writer.WriteStartObject();
                    writer.WriteString("source", record.Source);
                    writer.WriteString("outcome", record.Outcome);
                    writer.WriteString("detail", record.Detail);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            });
        }
        else
        {
            foreach (var record in records)
            {
                await output.WriteLineAsync($"{record.Outcome,-10} {record.Source}{(record.Detail is null ? string.Empty : "  — " + record.Detail)}");
            }
        }

        return exit;
    }
}
