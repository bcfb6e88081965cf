using SyndicationBot.Quality;

return await QualityCommandLine.RunAsync(args, Console.Out, Console.Error);
