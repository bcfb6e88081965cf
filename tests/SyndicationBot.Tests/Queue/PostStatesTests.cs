using SyndicationBot.Queue;
using Xunit;

namespace SyndicationBot.Tests.Queue;

/// <summary>The post state machine both adapters read their state lists from.</summary>
public sealed class PostStatesTests
{
    [Fact]
    public void All_EveryEnumValue_HasExactlyOneRule()
    {
        // Act
        var states = PostStates.All.Select(rule => rule.State);

        // Assert
        Assert.Equal(Enum.GetValues<PostState>(), states);
    }

    [Fact]
    public void Lists_AreTheStatesEachQuerySelects()
    {
        // Assert: the lists the ledger always used (stored numbers must not move: existing ledgers read the same).
        Assert.Equal([PostState.Queued, PostState.Publishing, PostState.Published, PostState.RetryWaiting, PostState.InDoubt], PostStates.Live);
        Assert.Equal([PostState.Queued, PostState.RetryWaiting], PostStates.Claimable);
        Assert.Equal([PostState.Queued, PostState.RetryWaiting], PostStates.Unsent);
        Assert.Equal([PostState.Queued, PostState.RetryWaiting, PostState.Failed, PostState.InDoubt], PostStates.Cancellable);
        Assert.Equal([PostState.RetryWaiting, PostState.Failed, PostState.Skipped, PostState.Cancelled, PostState.InDoubt], PostStates.Retryable);
        Assert.Equal([PostState.Queued, PostState.RetryWaiting, PostState.Skipped, PostState.Cancelled, PostState.InDoubt], PostStates.Reschedulable);
        Assert.Equal("(0, 1, 2, 3, 7)", PostStates.SqlList(PostStates.Live));
    }

    [Theory]
    [InlineData(nameof(PostState.Queued), nameof(PostState.Publishing), true)]
    [InlineData(nameof(PostState.RetryWaiting), nameof(PostState.Publishing), true)]
    [InlineData(nameof(PostState.Publishing), nameof(PostState.Published), true)]
    [InlineData(nameof(PostState.Publishing), nameof(PostState.Queued), true)]
    [InlineData(nameof(PostState.Failed), nameof(PostState.Queued), true)]
    [InlineData(nameof(PostState.InDoubt), nameof(PostState.Cancelled), true)]
    [InlineData(nameof(PostState.Published), nameof(PostState.Queued), false)]
    [InlineData(nameof(PostState.Published), nameof(PostState.Cancelled), false)]
    [InlineData(nameof(PostState.Publishing), nameof(PostState.Cancelled), true)]
    [InlineData(nameof(PostState.InDoubt), nameof(PostState.Publishing), false)]
    [InlineData(nameof(PostState.Skipped), nameof(PostState.Publishing), false)]
    [InlineData(nameof(PostState.Cancelled), nameof(PostState.Cancelled), false)]
    public void CanMove_FollowsTheStateMachine(string from, string to, bool allowed)
    {
        // Act / Assert
        Assert.Equal(allowed, PostStates.CanMove(Enum.Parse<PostState>(from), Enum.Parse<PostState>(to)));
    }

    [Fact]
    public void After_EveryOutcome_LeadsToAStateALeasedPostMayMoveTo()
    {
        // Arrange
        PostOutcome[] outcomes =
        [
            new PostOutcome.Published("1", null), new PostOutcome.RetryAt(default, "503"), new PostOutcome.Failed("400"),
            new PostOutcome.Skipped("old"), new PostOutcome.InDoubt("time-out"), new PostOutcome.Released(default), new PostOutcome.Cancelled(),
        ];

        // Act / Assert
        Assert.All(outcomes, outcome => Assert.True(PostStates.CanMove(PostStates.Leased, PostStates.After(outcome).State)));
        Assert.Equal(PostState.RetryWaiting, PostStates.After(outcomes[1]).State);
        Assert.True(PostStates.Rule(PostStates.After(outcomes[5]).State).Claimable);
    }

    [Fact]
    public void SqlList_NoState_IsRefusedRatherThanAnEmptyList()
    {
        // Act / Assert
        Assert.Throws<ArgumentException>(() => PostStates.SqlList([]));
    }
}
