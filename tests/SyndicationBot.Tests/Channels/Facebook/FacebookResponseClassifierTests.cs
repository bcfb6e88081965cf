using SyndicationBot.Channels;
using SyndicationBot.Channels.Facebook;
using Xunit;

namespace SyndicationBot.Tests.Channels.Facebook;

public sealed class FacebookResponseClassifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, typeof(PublishResult.RetryLater))]
    [InlineData(2, typeof(PublishResult.RetryLater))]
    [InlineData(4, typeof(PublishResult.RetryLater))]
    [InlineData(17, typeof(PublishResult.RetryLater))]
    [InlineData(32, typeof(PublishResult.RetryLater))]
    [InlineData(613, typeof(PublishResult.RetryLater))]
    [InlineData(80001, typeof(PublishResult.RetryLater))]
    [InlineData(341, typeof(PublishResult.RetryLater))]
    [InlineData(506, typeof(PublishResult.Duplicate))]
    [InlineData(190, typeof(PublishResult.AuthFailed))]
    [InlineData(102, typeof(PublishResult.AuthFailed))]
    [InlineData(10, typeof(PublishResult.AuthFailed))]
    [InlineData(200, typeof(PublishResult.AuthFailed))]
    [InlineData(299, typeof(PublishResult.AuthFailed))]
    [InlineData(3, typeof(PublishResult.AuthFailed))]
    [InlineData(368, typeof(PublishResult.AuthFailed))]
    [InlineData(100, typeof(PublishResult.Rejected))]
    [InlineData(1609005, typeof(PublishResult.Rejected))]
    public void Classify_GraphErrorCode_FollowsTheCodeTable(int code, Type expected)
    {
        // Act
        var result = FacebookResponseClassifier.Classify(400, new GraphError("msg", "OAuthException", code, null, null, "trace"), null, Now);

        // Assert
        Assert.IsType(expected, result);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(17)]
    [InlineData(32)]
    [InlineData(613)]
    [InlineData(80001)]
    [InlineData(341)]
    public void Classify_ThrottlingCode_IsRateLimited(int code)
    {
        // Act
        var result = FacebookResponseClassifier.Classify(400, new GraphError("limit", "OAuthException", code, null, null, null), null, Now);

        // Assert
        Assert.True(Assert.IsType<PublishResult.RetryLater>(result).RateLimited);
    }

    [Fact]
    public void Classify_UnknownCodeMarkedTransient_IsRetried()
    {
        // Act
        var result = FacebookResponseClassifier.Classify(400, new GraphError("blip", "OAuthException", 9007, null, true, null), null, Now);

        // Assert
        Assert.IsType<PublishResult.RetryLater>(result);
    }

    [Fact]
    public void Classify_WrongAppSecretProof_PausesTheChannel()
    {
        // Act
        var result = FacebookResponseClassifier.Classify(400, new GraphError("Invalid appsecret_proof provided in the API argument", "GraphMethodException", 100, null, null, null), null, Now);

        // Assert
        Assert.Equal(new PublishResult.AuthFailed("Graph error 100: Invalid appsecret_proof provided in the API argument"), result);
    }

    [Fact]
    public void RegainAccessAt_SeveralUseCases_TakesTheLatest()
    {
        // Arrange
        const string header = """{"1647395831":[{"type":"pages","call_count":100,"total_cputime":20,"total_time":30,"estimated_time_to_regain_access":12}],"99":[{"type":"ads_management","call_count":5,"estimated_time_to_regain_access":45}]}""";

        // Act
        var at = FacebookResponseClassifier.RegainAccessAt(header, Now);

        // Assert
        Assert.Equal(Now.AddMinutes(45), at);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"1":[{"type":"pages","estimated_time_to_regain_access":0}]}""")]
    public void RegainAccessAt_AbsentZeroOrMalformed_IsNull(string? header)
    {
        // Act
        var at = FacebookResponseClassifier.RegainAccessAt(header, Now);

        // Assert
        Assert.Null(at);
    }

    [Theory]
    [InlineData(500, typeof(PublishResult.RetryLater))]
    [InlineData(503, typeof(PublishResult.RetryLater))]
    [InlineData(429, typeof(PublishResult.RetryLater))]
    [InlineData(404, typeof(PublishResult.Rejected))]
    public void Classify_NoGraphErrorBody_UsesTheStatus(int status, Type expected)
    {
        // Act
        var result = FacebookResponseClassifier.Classify(status, null, null, Now);

        // Assert
        Assert.IsType(expected, result);
    }
}
