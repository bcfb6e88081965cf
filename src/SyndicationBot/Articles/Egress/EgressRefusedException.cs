namespace SyndicationBot.Articles.Egress;

/// <summary>A fetch refused by the <see cref="EgressPolicy"/>: the message names the host, the address and the setting.</summary>
public sealed class EgressRefusedException : IOException
{
    public EgressRefusedException()
    {
    }

    public EgressRefusedException(string message)
        : base(message)
    {
    }

    public EgressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
