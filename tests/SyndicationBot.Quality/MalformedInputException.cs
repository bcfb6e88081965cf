namespace SyndicationBot.Quality;

/// <summary>An input of the measurement (a folder, a label file, an argument) is not usable; the message names it.</summary>
internal sealed class MalformedInputException : Exception
{
    public MalformedInputException()
    {
    }

    public MalformedInputException(string message)
        : base(message)
    {
    }

    public MalformedInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
