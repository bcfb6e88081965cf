namespace SyndicationBot.Queue;

/// <summary>
/// The ledger file the service opened is gone or is another file now (deleted, or replaced by a copy or a fresh
/// database). Writing on would record outcomes nobody will read and, after a restart, post its history again.
/// </summary>
internal sealed class LedgerUnavailableException : Exception
{
    public LedgerUnavailableException()
    {
    }

    public LedgerUnavailableException(string message)
        : base(message)
    {
    }

    public LedgerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
