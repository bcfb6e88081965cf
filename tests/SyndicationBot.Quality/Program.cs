using SyndicationBot.Quality;

return QualityCommandLine.Run(args, Console.Out, Console.Error);
