using Microsoft.Extensions.Hosting;
using SyndicationBot.Hosting;
using SyndicationBot.Hosting.Commands;

return await SyndicationBotCommandLine.InvokeAsync(args, CreateBuilder, Console.Out, Console.Error);

// The command line's --Section:Key=value settings are the configuration's top layer, for every verb.
static HostApplicationBuilder CreateBuilder(string[] settings)
{
    // Run from the repository (appsettings.json in the working directory) or from the published folder.
    var contentRoot = File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"))
        ? Directory.GetCurrentDirectory()
        : AppContext.BaseDirectory;
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
    {
        Args = settings,
        ContentRootPath = contentRoot,
    });
    builder.AddSyndicationBot();
    return builder;
}
