using SyndicationBot.Channels;

namespace SyndicationBot.Tests.Channels.Resilience;

/// <summary>A channel whose answers the test scripts, counting the calls that reached it.</summary>
internal sealed class StubChannel(string name, DeliveryGuarantee guarantee, Func<int, PublishResult> answer) : IChannel
{
    private int calls;

    public int Calls => Volatile.Read(ref calls);

    public string Name => name;

    public bool Enabled => true;

    public DeliveryGuarantee Guarantee => guarantee;

    public Task<PublishResult> PublishAsync(OutgoingPost post, CancellationToken cancellationToken) =>
        Task.FromResult(answer(Interlocked.Increment(ref calls)));

    public Task<LookupResult> LookupAsync(OutgoingPost post, CancellationToken cancellationToken) =>
        Task.FromResult<LookupResult>(new LookupResult.Unavailable("cannot look up"));


    public Task<RetractResult> RetractAsync(RetractRequest request, CancellationToken cancellationToken) =>

        Task.FromResult<RetractResult>(new RetractResult.NotPossible("test channel"));
}
