using Microsoft.Extensions.Hosting;
using SyndicationBot.Hosting;
using SyndicationBot.Hosting.Commands;

var command = ParsedCommandLine.Parse(args);

// Run from the repository (appsettings.json in the working directory) or from the published folder.
var contentRoot = File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"))
    ? Directory.GetCurrentDirectory()
    : AppContext.BaseDirectory;
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = command.ConfigurationArgs,
    ContentRootPath = contentRoot,
});
builder.AddSyndicationBot();
return await SyndicationBotCommandLine.RunAsync(builder, command, Console.Out, Console.Error);
