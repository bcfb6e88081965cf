using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SyndicationBot.Articles;
using SyndicationBot.Hosting;
using SyndicationBot.Summaries;

namespace SyndicationBot.Quality;

/// <summary>
/// The reader exactly as the service builds it: the whole <c>AddSyndicationBot()</c> graph with the shipped
/// configuration, from which only the article loader and the summariser are taken. Nothing is started, so no
/// ledger is opened and nothing is posted.
/// </summary>
internal sealed class ProductionReader : IDisposable
{
    private readonly IHost host;

    private ProductionReader(IHost host)
    {
        this.host = host;
        Loader = host.Services.GetRequiredService<IArticleLoader>();
        Summarizer = host.Services.GetRequiredService<ISummarizer>();
    }

    public IArticleLoader Loader { get; }

    public ISummarizer Summarizer { get; }

    public static ProductionReader Create()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddSyndicationBot();
        // The figures go to standard output; log lines from the graph would only interleave with them.
        builder.Logging.ClearProviders();
        return new ProductionReader(builder.Build());
    }

    public void Dispose() => host.Dispose();
}
