namespace SyndicationBot.Tests.Contract;

/// <summary>
/// How many HTTP requests are in one state right now: sent by the code under test and not yet answered, or held
/// open by a contract server on purpose. A test that moves a fake clock while real sockets work compares the two,
/// so it moves time only when every open request is a deliberate hang (a healthy one is never timed out by the test).
/// </summary>
public sealed class RequestCounter
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public void Enter() => Interlocked.Increment(ref count);

    public void Leave() => Interlocked.Decrement(ref count);
}
