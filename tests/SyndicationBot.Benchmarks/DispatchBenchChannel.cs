using System.Collections.Concurrent;
using System.Globalization;
using SyndicationBot.Channels;

namespace SyndicationBot.Benchmarks;

/// <summary>A local channel with no latency that records, per post, how late its request arrived.</summary>
internal sealed class DispatchBenchChannel(int count) : IChannel
{
    public const string ChannelName = "bench";

    private readonly ConcurrentDictionary<long, (int Index, DateTimeOffset Due)> _expected = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sent;

    public double[] Lateness { get; } = Enumerable.Repeat(double.NaN, count).ToArray();

    public string Name => ChannelName;

    public bool Enabled => true;

    public DeliveryGuarantee Guarantee => DeliveryGuarantee.Idempotent;

    public void Expect(long id, int index, DateTimeOffset due) => _expected[id] = (index, due);

    public void Record(long id)
    {
        var now = TimeProvider.System.GetUtcNow();
        if (_expected.TryGetValue(id, out var expected))
        {
            Lateness[expected.Index] = (now - expected.Due).TotalMilliseconds;
            if (Interlocked.Increment(ref _sent) == Lateness.Length)
            {
                _done.TrySetResult();
            }
        }
    }

    public Task<PublishResult> PublishAsync(OutgoingPost post, CancellationToken cancellationToken)
    {
        Record(post.PostId);
        return Task.FromResult<PublishResult>(new PublishResult.Published(post.PostId.ToString(CultureInfo.InvariantCulture), null));
    }

    public Task<LookupResult> LookupAsync(OutgoingPost post, CancellationToken cancellationToken) =>
        Task.FromResult<LookupResult>(new LookupResult.Unavailable("cannot look up"));


    public Task<RetractResult> RetractAsync(RetractRequest request, CancellationToken cancellationToken) =>

        Task.FromResult<RetractResult>(new RetractResult.NotPossible("test channel"));

    public async Task WaitAsync(TimeSpan timeout)
    {
        try
        {
            await _done.Task.WaitAsync(timeout, TimeProvider.System);
        }
        catch (TimeoutException)
        {
            // Reported as the number sent.
        }
    }
}
