using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SyndicationBot.Channels.Resilience;
using SyndicationBot.Configuration;

namespace SyndicationBot.Channels.X;

/// <summary>
/// OAuth 2.0 user token for X: refreshed at <c>POST /2/oauth2/token</c> before it expires (2 h) and once after a
/// 401. X rotates the refresh token on every refresh, so the new one is persisted before the access token is used.
/// </summary>
internal sealed partial class XOAuth2Authenticator(
    IHttpClientFactory httpClientFactory,
    XOptions options,
    XTokenFile tokenFile,
    TimeProvider timeProvider,
    ILogger<XOAuth2Authenticator> logger) : IXAuthenticator, IDisposable
{
    private static readonly TimeSpan ExpirySkew = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? accessToken;
    private DateTimeOffset expiresAt;

    public async ValueTask<PublishResult?> AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (token, failure) = await GetAccessTokenAsync(stale: null, cancellationToken);
        if (token is null)
        {
            return failure;
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return null;
    }

    public async ValueTask<bool> RenewAsync(CancellationToken cancellationToken)
    {
        var (token, _) = await GetAccessTokenAsync(stale: accessToken, cancellationToken);
        return token is not null;
    }

    private async Task<(string? Token, PublishResult? Failure)> GetAccessTokenAsync(string? stale, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (accessToken is not null && accessToken != stale && timeProvider.GetUtcNow() < expiresAt - ExpirySkew)
            {
                return (accessToken, null);
            }

            accessToken = null;
            return await RefreshAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<(string? Token, PublishResult? Failure)> RefreshAsync(CancellationToken cancellationToken)
    {
        var refreshToken = tokenFile.Read() ?? XCredentials.RefreshToken(options);
        SecretRedactor.Remember(refreshToken);
        var clientId = XCredentials.ClientId(options);
        if (refreshToken is null || clientId is null)
        {
            return (null, new PublishResult.AuthFailed("X OAuth 2.0: no refresh token or client id configured (Channels:X:RefreshToken, Channels:X:ClientId)."));
        }

        var clientSecret = XCredentials.ClientSecret(options);
        List<KeyValuePair<string, string>> form = [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)];
        if (clientSecret is null)
        {
            form.Add(new("client_id", clientId));
        }

        var client = httpClientFactory.CreateClient(XChannel.HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(client.BaseAddress!, "2/oauth2/token"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        if (clientSecret is not null)
        {
            // A confidential client must authenticate with Basic, or X answers unauthorized_client.
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(clientId) + ":" + Uri.EscapeDataString(clientSecret)));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }

        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        if (!response.IsSuccessStatusCode)
        {
            var problem = TryRead(body, XJsonContext.Default.XProblem);
            var reason = $"X OAuth 2.0 refresh failed ({(int)response.StatusCode}): {problem?.Error} {problem?.ErrorDescription ?? problem?.Detail}".TrimEnd();
            Log.RefreshFailed(logger, (int)response.StatusCode, problem?.Error);
            PublishResult failure = response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests => new PublishResult.RetryLater(reason, RateLimitHeaders.ParseReset(RateLimitHeaders.Get(response.Headers, "x-rate-limit-reset"), now) ?? RateLimitHeaders.RetryAfter(response, now), RateLimited: true),
                >= HttpStatusCode.InternalServerError => new PublishResult.RetryLater(reason, null),
                _ => new PublishResult.AuthFailed(reason),
            };
            return (null, failure);
        }

        var token = TryRead(body, XJsonContext.Default.XTokenResponse);
        if (string.IsNullOrEmpty(token?.AccessToken))
        {
            return (null, new PublishResult.RetryLater("X OAuth 2.0 refresh returned no access token", null));
        }

        SecretRedactor.Remember(token.AccessToken);
        SecretRedactor.Remember(token.RefreshToken);
        if (!string.IsNullOrEmpty(token.RefreshToken) && token.RefreshToken != refreshToken)
        {
            tokenFile.Write(token.RefreshToken);
        }

        accessToken = token.AccessToken;
        expiresAt = now.AddSeconds(token.ExpiresIn > 0 ? token.ExpiresIn : 7200);
        Log.Refreshed(logger, expiresAt);
        return (accessToken, null);
    }

    public void Dispose() => gate.Dispose();

    private static T? TryRead<T>(byte[] body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "X OAuth 2.0 access token refreshed; valid until {ExpiresAt}")]
        public static partial void Refreshed(ILogger logger, DateTimeOffset expiresAt);

        [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "X OAuth 2.0 token refresh failed with HTTP {Status} ({Error})")]
        public static partial void RefreshFailed(ILogger logger, int status, string? error);
    }
}
