using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using SyndicationBot.Articles;
using SyndicationBot.Channels;
using SyndicationBot.Configuration;
using SyndicationBot.Hosting.Http;
using SyndicationBot.Ingestion;
using SyndicationBot.Ingestion.Routing;
using SyndicationBot.Posts;
using SyndicationBot.Publishing;
using SyndicationBot.Publishing.Budget;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Scheduling;
using SyndicationBot.Summaries;

namespace SyndicationBot.Hosting;

/// <summary>Builds the whole service graph; Program.cs and the tests call the same method, so they run the same graph.</summary>
internal static class SyndicationBotHostBuilderExtensions
{
    /// <summary>Adds every feature of SyndicationBot to the host.</summary>
    public static IHostApplicationBuilder AddSyndicationBot(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.Configure<HostOptions>(options =>
        {
            // Shorter than a container's default 10 s stop grace, longer than Dispatch:ShutdownGrace.
            options.ShutdownTimeout = TimeSpan.FromSeconds(9);
            options.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => SecretRedactor.FromConfiguration(provider.GetRequiredService<IConfiguration>(), ChannelSecret.SecretsDirectory));
        RedactingLoggerFactory.Register(services);

        // Standard output carries each verb's result (one JSON document with --json); every log line goes to standard error.
        services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);

        services.AddArticles();
        services.AddSummaries();
        services.AddPosts();
        services.AddLedger();
        services.AddScheduling();
        services.AddChannels(builder.Configuration);
        services.AddBudgets(ChannelAccounts.Read(builder.Configuration));
        services.AddSyndicationHosting();
        return builder;
    }

    // Each channel's Channels:<id>:Budget, validated at start-up; the budget decides after the schedule.
    private static IServiceCollection AddBudgets(this IServiceCollection services, ChannelAccounts accounts)
    {
        services.AddSingleton<IConfigureOptions<ChannelBudgetOptions>, ChannelBudgetConfigureOptions>();
        services.AddSingleton<IValidateOptions<ChannelBudgetOptions>, ChannelBudgetOptionsValidator>();
        foreach (var account in accounts.All)
        {
            services.AddOptionsWithValidateOnStart<ChannelBudgetOptions>(account.Id);
        }

        services.AddSingleton<BudgetMeter>();
        services.Replace(ServiceDescriptor.Singleton<IPostDispatchPolicy>(provider =>
            new BudgetPolicy(provider.GetRequiredService<PostScheduler>(), provider.GetRequiredService<BudgetMeter>())));
        return services;
    }

    private static IServiceCollection AddSyndicationHosting(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<DispatchOptions>()
            .BindConfiguration(DispatchOptions.SectionName)
            .ValidateDataAnnotationsWithKeys(DispatchOptions.SectionName);
        services.AddOptionsWithValidateOnStart<WatchOptions>()
            .BindConfiguration(WatchOptions.SectionName)
            .ValidateDataAnnotationsWithKeys(WatchOptions.SectionName);
        services.AddOptionsWithValidateOnStart<UpdatePostsOptions>()
            .BindConfiguration(UpdatePostsOptions.SectionName)
            .ValidateDataAnnotationsWithKeys(UpdatePostsOptions.SectionName);
        services.AddOptionsWithValidateOnStart<RoutingOptions>()
            .BindConfiguration(RoutingOptions.SectionName)
            .ValidateElementsWithKeys(RoutingOptions.SectionName);
        services.AddSingleton<IValidateOptions<RoutingOptions>, RoutingOptionsValidator>();
        services.AddSingleton<ArticleRouter>();
        services.AddOptionsWithValidateOnStart<ApprovalOptions>()
            .BindConfiguration(ApprovalOptions.SectionName)
            .ValidateDataAnnotationsWithKeys(ApprovalOptions.SectionName)
            .ValidateElementsWithKeys(ApprovalOptions.SectionName);
        services.AddSingleton<ApprovalExpiryService>();
        services.AddHostedService(provider => provider.GetRequiredService<ApprovalExpiryService>());
        services.AddOptionsWithValidateOnStart<HealthOptions>()
            .BindConfiguration(HealthOptions.SectionName)
            .ValidateDataAnnotationsWithKeys(HealthOptions.SectionName);
        services.AddSingleton<LoopHeartbeats>();
        services.AddSingleton<SyndicationMetrics>();
        services.AddOptionsWithValidateOnStart<HttpOptions>()
            .BindConfiguration(HttpOptions.SectionName)
            .ValidateDataAnnotationsWithKeys(HttpOptions.SectionName);
        services.AddSingleton<LivenessCheck>();
        services.AddSingleton<ReadinessCheck>();
        services.AddSingleton<StatusPage>();
        services.AddSingleton<HttpSurfaceService>();
        services.AddHostedService(provider => provider.GetRequiredService<HttpSurfaceService>());
        services.AddSingleton<HeartbeatService>();
        services.AddHostedService(provider => provider.GetRequiredService<HeartbeatService>());
        services.AddOptionsWithValidateOnStart<ChannelNamesOptions>();
        services.AddSingleton<IValidateOptions<ChannelNamesOptions>, ChannelNamesValidator>();
        services.AddSingleton<DispatchSignal>();
        services.AddSingleton<DispatchPasses>();
        services.AddSingleton(provider => new RetryPolicy(provider.GetRequiredService<IOptions<DispatchOptions>>().Value, Random.Shared.NextDouble));
        services.AddSingleton<Dispatcher>();
        services.AddSingleton<ArticleIngestor>();
        services.AddSingleton<SeedFolderService>();
        services.AddHostedService(provider => provider.GetRequiredService<SeedFolderService>());
        services.AddHostedService<DispatchService>();
        services.AddSingleton<FeedPollingService>();
        services.AddHostedService(provider => provider.GetRequiredService<FeedPollingService>());
        return services;
    }
}
