using System.Net;
using System.Text.Json;
using Coopah.Core.Garmin;
using Coopah.Core.Garmin.OAuth;
using Coopah.Core.Garmin.Training;

namespace Coopah.Web.Tests.Core.Garmin;

/// <summary>The four Garmin API areas over one <see cref="GarminHttpTransport"/>, against a fake handler.</summary>
public sealed class GarminApiClientsTests
{
    private static readonly GarminCredentials Bearer = GarminCredentials.Bearer("access-1");
    private static readonly GarminOAuth1Credentials OAuth1 = new("uat", "uat-secret");

    [Fact]
    public async Task GetRequestTokenAsync_OAuth1_PostsVerifiablySignedRequestWithCallback()
    {
        var (client, handler, time) = GarminTestSetup.Create();
        handler.Respond(HttpStatusCode.OK, "oauth_token=req&oauth_token_secret=req-secret", "text/plain");

        var token = await client.OAuth.GetRequestTokenAsync();

        var request = handler.Requests.Single();
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://connectapi.garmin.com/oauth-service/oauth/request_token", request.Uri.AbsoluteUri);
        Assert.Contains("oauth_callback=\"https%3A%2F%2Fcoopah.test%2Fgarmin%2Fcallback%3Fx%3D1\"", request.Authorization, StringComparison.Ordinal);
        Assert.DoesNotContain("oauth_token=", request.Authorization, StringComparison.Ordinal);
        Assert.True(new OAuth1Verifier(time).Verify("POST", request.Uri, null, request.Authorization, "consumer-secret", null).IsValid);
        Assert.Equal(new OAuth1Token("req", "req-secret"), token);
    }

    [Fact]
    public async Task GetAccessTokenAsync_Verifier_SignsWithRequestTokenAndVerifier()
    {
        var (client, handler, time) = GarminTestSetup.Create();
        handler.Respond(HttpStatusCode.OK, "oauth_token=uat&oauth_token_secret=uat-secret", "text/plain");

        var token = await client.OAuth.GetAccessTokenAsync(new OAuth1Token("req", "req-secret"), "ver-1");

        var request = handler.Requests.Single();
        Assert.Equal("https://connectapi.garmin.com/oauth-service/oauth/access_token", request.Uri.AbsoluteUri);
        Assert.True(OAuth1AuthorizationHeader.TryParse(request.Authorization, out var header));
        Assert.Equal("req", header!.Token);
        Assert.Equal("ver-1", header.Verifier);
        Assert.True(new OAuth1Verifier(time).Verify("POST", request.Uri, null, header, "consumer-secret", "req-secret").IsValid);
        Assert.False(new OAuth1Verifier(time).Verify("POST", request.Uri, null, header, "consumer-secret", "other").IsValid);
        Assert.Equal(new OAuth1Token("uat", "uat-secret"), token);
    }

    [Fact]
    public void BuildOAuth1ConfirmUrl_RequestToken_PointsAtOauthConfirmWithCallback()
    {
        var (client, _, _) = GarminTestSetup.Create();

        var url = client.OAuth.BuildOAuth1ConfirmUrl("req");

        Assert.Equal("https://connect.garmin.com/oauthConfirm?oauth_token=req&oauth_callback=https%3A%2F%2Fcoopah.test%2Fgarmin%2Fcallback%3Fx%3D1", url.AbsoluteUri);
    }

    [Fact]
    public void BuildOAuth2ConfirmUrl_ChallengeAndState_HasAllPkceParameters()
    {
        var (client, _, _) = GarminTestSetup.Create();

        var url = client.OAuth.BuildOAuth2ConfirmUrl("CH-1", "ST-1");

        Assert.Equal("https://connect.garmin.com/oauth2Confirm?response_type=code&client_id=client-id&code_challenge=CH-1"
            + "&code_challenge_method=S256&redirect_uri=https%3A%2F%2Fcoopah.test%2Fgarmin%2Fcallback&state=ST-1", url.AbsoluteUri);
    }

    [Fact]
    public async Task OAuthFlows_PerRequestCallback_OverridesConfiguredOne()
    {
        var (client, handler, _) = GarminTestSetup.Create();
        handler.Respond(HttpStatusCode.OK, "oauth_token=r&oauth_token_secret=s", "text/plain")
            .Respond(HttpStatusCode.OK, """{"access_token":"a","refresh_token":"r"}""");
        var callback = new Uri("http://127.0.0.1:41234/garmin/callback");

        await client.OAuth.GetRequestTokenAsync(callback);
        var confirm1 = client.OAuth.BuildOAuth1ConfirmUrl("r", callback);
        var confirm2 = client.OAuth.BuildOAuth2ConfirmUrl("c", "s", callback);
        await client.OAuth.ExchangeCodeAsync("code", "verifier", callback);

        const string encoded = "http%3A%2F%2F127.0.0.1%3A41234%2Fgarmin%2Fcallback";
        Assert.Contains("oauth_callback=\"" + encoded + "\"", handler.Requests[0].Authorization, StringComparison.Ordinal);
        Assert.EndsWith("oauth_callback=" + encoded, confirm1.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("redirect_uri=" + encoded + "&", confirm2.AbsoluteUri, StringComparison.Ordinal);
        Assert.EndsWith("redirect_uri=" + encoded, handler.Requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildOAuth2ConfirmUrl_SandboxBase_KeepsBasePath()
    {
        var (client, _, _) = GarminTestSetup.Create(GarminTestSetup.Options() with { ConnectBaseUrl = new Uri("http://localhost:5080/sandbox/garmin/connect") });

        var url = client.OAuth.BuildOAuth2ConfirmUrl("c", "s");

        Assert.StartsWith("http://localhost:5080/sandbox/garmin/connect/oauth2Confirm?", url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExchangeCodeAsync_Code_PostsFormWithClientCredentialsInBody()
    {
        var (client, handler, time) = GarminTestSetup.Create();
        handler.Respond(HttpStatusCode.OK, """{"access_token":"a1","token_type":"bearer","expires_in":86400,"refresh_token":"r1","refresh_token_expires_in":7775998,"scope":"PARTNER_READ","jti":"j"}""");

        var token = await client.OAuth.ExchangeCodeAsync("code-1", "verifier-1");

        var request = handler.Requests.Single();
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://diauth.garmin.com/di-oauth2-service/oauth/token", request.Uri.AbsoluteUri);
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.ContentType);
        Assert.Equal("grant_type=authorization_code&client_id=client-id&client_secret=client-secret&code=code-1&code_verifier=verifier-1"
            + "&redirect_uri=https%3A%2F%2Fcoopah.test%2Fgarmin%2Fcallback", request.Body);
        Assert.Null(request.Authorization);
        Assert.Equal(new GarminOAuth2Token("a1", "r1", time.GetUtcNow().AddDays(1), time.GetUtcNow().AddSeconds(7775998), "PARTNER_READ"), token);
    }

    [Fact]
    public async Task RefreshAsync_Token_PostsRefreshGrantAndRotates()
    {
        var (client, handler, _) = GarminTestSetup.Create();
        handler.Respond(HttpStatusCode.OK, """{"access_token":"a2","expires_in":86400,"refresh_token":"r2"}""");
        var current = new GarminOAuth2Token("a1", "r1", GarminTestSetup.Now, null, null);

        var token = await client.OAuth.RefreshAsync(current);

        Assert.Equal("grant_type=refresh_token&client_id=client-id&client_secret=client-secret&refresh_token=r1", handler.Requests.Single().Body);
        Assert.Equal("r2", token.RefreshToken);
    }

    [Fact]
    public async Task RefreshAsync_InvalidGrant_ThrowsAuthBroken()
    {
        var (client, handler, _) = GarminTestSetup.Create();
        handler.Respond(HttpStatusCode.BadRequest, """{"error":"invalid_grant","error_description":"Refresh token reused"}""");

        var ex = await Assert.ThrowsAsync<GarminApiException>(() => client.OAuth.RefreshAsync(new GarminOAuth2Token("a", "r", GarminTestSetup.Now, null, null)));

        Assert.True(ex.IsAuthBroken);
        Assert.Equal("invalid_grant", ex.ErrorCode);
        Assert.Equal("Refresh token reused", ex.GarminMessage);
    }

    [Fact]
    public async Task ExchangeOAuth1TokenAsync_Uat_PostsSignedTokenExchange()
    {
        var (client, handler, time) = GarminTestSetup.Create();
        handler.Respond(HttpStatusCode.OK, """{"access_token":"a1","expires_in":86400,"refresh_token":"r1","refresh_token_expires_in":7775998}""");

        var token = await client.OAuth.ExchangeOAuth1TokenAsync(OAuth1);

        var request = handler.Requests.Single();
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://apis.garmin.com/partner-gateway/rest/user/token-exchange", request.Uri.AbsoluteUri);
        Assert.True(new OAuth1Verifier(time).Verify("POST", request.Uri, null, request.Authorization, "consumer-secret", "uat-secret").IsValid);
        Assert.Equal("r1", token.RefreshToken);
    }

    [Theory]
    [InlineData("""{"userId":"4aacafe82427c251df9c9592d0c06768"}""", "4aacafe82427c251df9c9592d0c06768")]
    [InlineData("""{"userId":"31be9cac-0000-4000-8000-000000000001"}""", "31be9cac-0000-4000-8000-000000000001")]
    [InlineData("""{"userId":12345}""", "12345")]
    public async Task GetUserIdAsync_Bearer_SendsBearerAndReadsId(string body, string expected)
    {
        var (client, handler, _) = GarminTestSetup.Create();
        handler.Respond(HttpStatusCode.OK, body);

        var id = await client.Users.GetUserIdAsync(Bearer);

        var request = handler.Requests.Single();
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://apis.garmin.com/wellness-api/rest/user/id", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer access-1", request.Authorization);
        Assert.Equal(expected, id);
    }

    [Fact]
    public async Task GetUserIdAsync_OAuth1PartnerGatewayPath_SignsConfiguredPath()
    {
        var (client, handler, time) = GarminTestSetup.Create(GarminTestSetup.Options() with { UserApiPath = "partner-gateway/rest/user/" });
        handler.Respond(HttpStatusCode.OK, """{"userId":"u1"}""");

        await client.Users.GetUserIdAsync(OAuth1);

        var request = handler.Requests.Single();
        Assert.Equal("https://apis.garmin.com/partner-gateway/rest/user/id", request.Uri.AbsoluteUri);
        Assert.True(new OAuth1Verifier(time).Verify("GET", request.Uri, null, request.Authorization, "consumer-secret", "uat-secret").IsValid);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""not json""")]
    [InlineData("""{"userId":""}""")]
    public async Task GetUserIdAsync_UnreadableBody_ThrowsInvalidResponse(string body)
    {
        var (client, handler, _) = GarminTestSetup.Create();
        handler.Respond(HttpStatusCode.OK, body);

        var ex = await Assert.ThrowsAsync<GarminApiException>(() => client.Users.GetUserIdAsync(Bearer));

        Assert.Equal(GarminErrorKind.InvalidResponse, ex.Kind);
    }

    [Theory]
    [InlineData("""["ACTIVITY_EXPORT","WORKOUT_IMPORT"]""")]
    [InlineData("""{"permissions":["ACTIVITY_EXPORT","WORKOUT_IMPORT"]}""")]
    [InlineData("""{[ "ACTIVITY_EXPORT", "WORKOUT_IMPORT" ]}""")]
    [InlineData("""{"userId":"x","permissions":["ACTIVITY_EXPORT","WORKOUT_IMPORT","WORKOUT_IMPORT"]}""")]
    public async Task GetPermissionsAsync_AnyDocumentedShape_ReturnsPermissions(string body)
    {
        var (client, handler, _) = GarminTestSetup.Create();
        handler.Respond(HttpStatusCode.OK, body);

        var permissions = await client.Users.GetPermissionsAsync(Bearer);

        Assert.Equal("https://apis.garmin.com/wellness-api/rest/user/permissions", handler.Requests.Single().Uri.AbsoluteUri);
        Assert.Equal(["ACTIVITY_EXPORT", "WORKOUT_IMPORT"], permissions);
    }

    [Theory]
    [InlineData("[]", 0)]
    [InlineData("""{"permissions":[]}""", 0)]
    [InlineData("", -1)]
    [InlineData("<html/>", -1)]
    public void ParsePermissions_EmptyOrUnreadable_DistinguishesNoneFromUnknown(string body, int expectedCount)
    {
        var permissions = GarminUserClient.ParsePermissions(body);

        Assert.Equal(expectedCount, permissions?.Count ?? -1);
    }

    [Fact]
    public async Task DeleteRegistrationAsync_NoContent_SendsDelete()
    {
        var (client, handler, _) = GarminTestSetup.Create();
        handler.Respond(HttpStatusCode.NoContent);

        await client.Users.DeleteRegistrationAsync(Bearer);

        var request = handler.Requests.Single();
        Assert.Equal(HttpMethod.Delete, request.Method);
        Assert.Equal("https://apis.garmin.com/wellness-api/rest/user/registration", request.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task CreateWorkoutAsync_Workout_PostsV2JsonAndParsesCreatedWorkout()
    {
        var (client, handler, _) = GarminTestSetup.Create();
        handler.Respond(HttpStatusCode.OK, """
            {"workoutId":901,"ownerId":55,"workoutName":"[E1] Easy","sport":"RUNNING","estimatedDurationInSecs":2400,
             "segments":[{"segmentOrder":1,"sport":"RUNNING","steps":[
               {"stepId":11,"stepOrder":1,"type":"WorkoutStep","intensity":"ACTIVE","durationType":"TIME","durationValue":1800,"targetType":"OPEN"},
               {"stepOrder":2,"type":"WorkoutRepeatStep","repeatType":"REPEAT_UNTIL_STEPS_CMPLT","repeatValue":"2","steps":[
                 {"type":"WorkoutStep","stepOrder":3,"intensity":"INTERVAL","durationType":"DISTANCE","durationValue":400.0,"unknownField":true}]}]}]}
            """);
        var workout = GarminWorkoutMapper.Map(new PlannedWorkout("Easy", "E1", null,
            [new PlannedStep(PlannedStepIntensity.Active, PlannedDuration.Time(1800), PlannedTarget.Open)])) with { WorkoutId = 5, OwnerId = 6 };

        var created = await client.Training.CreateWorkoutAsync(Bearer, workout);

        var request = handler.Requests.Single();
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://apis.garmin.com/workoutportal/workout/v2", request.Uri.AbsoluteUri);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.StartsWith("""{"workoutName":"[E1] Easy","sport":"RUNNING","workoutProvider":"Coopah",""", request.Body, StringComparison.Ordinal);
        Assert.Equal(901, created.WorkoutId);
        Assert.Equal(55, created.OwnerId);
        var steps = created.Segments.Single().Steps;
        Assert.IsType<GarminWorkoutStep>(steps[0]);
        var repeat = Assert.IsType<GarminWorkoutRepeatStep>(steps[1]);
        Assert.Equal(2, repeat.RepeatValue);
        Assert.Equal(400, Assert.IsType<GarminWorkoutStep>(repeat.Steps.Single()).DurationValue);
    }

    [Fact]
    public async Task WorkoutCrud_Id_UsesTrainingApiV2Paths()
    {
        var (client, handler, _) = GarminTestSetup.Create();
        handler.Respond(HttpStatusCode.OK)
            .Respond(HttpStatusCode.NoContent);
        var workout = new GarminWorkout { WorkoutId = 901, OwnerId = 55, WorkoutName = "W2", Sport = "RUNNING" };

        await client.Training.UpdateWorkoutAsync(Bearer, workout);
        await client.Training.DeleteWorkoutAsync(Bearer, 901);

        Assert.Equal(
            ["PUT https://apis.garmin.com/training-api/workout/v2/901", "DELETE https://apis.garmin.com/training-api/workout/v2/901"],
            handler.Requests.Select(r => r.Method + " " + r.Uri.AbsoluteUri));
        Assert.Contains("\"ownerId\":55", handler.Requests[0].Body, StringComparison.Ordinal);
        Assert.Contains("\"workoutName\":\"W2\"", handler.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateWorkoutAsync_NoOwnerId_Throws()
    {
        var (client, _, _) = GarminTestSetup.Create();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            client.Training.UpdateWorkoutAsync(Bearer, new GarminWorkout { WorkoutId = 1, WorkoutName = "W", Sport = "RUNNING" }));
    }

    [Theory]
    [InlineData("""{"scheduleId":77,"workoutId":901,"date":"2026-03-14"}""", 77L)]
    [InlineData("""{"workoutScheduleId":77}""", 77L)]
    [InlineData("""{"id":"77"}""", 77L)]
    [InlineData("77", 77L)]
    [InlineData("", null)]
    public async Task CreateScheduleAsync_AnyResponseShape_ReadsScheduleId(string body, long? expected)
    {
        var (client, handler, _) = GarminTestSetup.Create();
        handler.Respond(HttpStatusCode.OK, body);

        var schedule = await client.Training.CreateScheduleAsync(Bearer, 901, new DateOnly(2026, 3, 14));

        var request = handler.Requests.Single();
        Assert.Equal("https://apis.garmin.com/training-api/schedule/", request.Uri.AbsoluteUri);
        Assert.Equal("""{"workoutId":901,"date":"2026-03-14"}""", request.Body);
        Assert.Equal(expected, schedule.ScheduleId);
        Assert.Equal(901, schedule.WorkoutId);
        Assert.Equal(new DateOnly(2026, 3, 14), schedule.Date);
    }

    [Fact]
    public async Task ScheduleCrud_Id_UsesSchedulePathsAndFullBody()
    {
        var (client, handler, _) = GarminTestSetup.Create();
        handler.Respond(HttpStatusCode.NoContent)
            .Respond(HttpStatusCode.NoContent);
        var schedule = new GarminWorkoutSchedule { ScheduleId = 77, WorkoutId = 901, Date = new DateOnly(2026, 3, 15) };

        await client.Training.UpdateScheduleAsync(Bearer, schedule);
        await client.Training.DeleteScheduleAsync(Bearer, 77);

        Assert.Equal(
        [
            "PUT https://apis.garmin.com/training-api/schedule/77",
            "DELETE https://apis.garmin.com/training-api/schedule/77",
        ], handler.Requests.Select(r => r.Method + " " + r.Uri.AbsoluteUri));
        Assert.Equal("""{"scheduleId":77,"workoutId":901,"date":"2026-03-15"}""", handler.Requests[0].Body);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, GarminErrorKind.RateLimited, true, false, false, false)]
    [InlineData(HttpStatusCode.InternalServerError, GarminErrorKind.ServerError, true, false, false, false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, GarminErrorKind.ServerError, true, false, false, false)]
    [InlineData(HttpStatusCode.Unauthorized, GarminErrorKind.AuthBroken, false, true, false, false)]
    [InlineData(HttpStatusCode.Forbidden, GarminErrorKind.AuthBroken, false, true, false, false)]
    [InlineData(HttpStatusCode.PreconditionFailed, GarminErrorKind.PermissionRequired, false, false, true, false)]
    [InlineData(HttpStatusCode.BadRequest, GarminErrorKind.BadRequest, false, false, false, true)]
    [InlineData(HttpStatusCode.Gone, GarminErrorKind.Gone, false, false, false, false)]
    [InlineData(HttpStatusCode.NotFound, GarminErrorKind.NotFound, false, false, false, false)]
    [InlineData(HttpStatusCode.Conflict, GarminErrorKind.Conflict, false, false, false, false)]
    public async Task SendAsync_ErrorStatus_ClassifiesException(HttpStatusCode status, GarminErrorKind kind, bool retryable, bool authBroken, bool needsImport, bool badRequest)
    {
        var (client, handler, _) = GarminTestSetup.Create();
        handler.Respond(status, """{"errorMessage":"Garmin says no"}""");

        var ex = await Assert.ThrowsAsync<GarminApiException>(() => client.Training.DeleteWorkoutAsync(Bearer, 1));

        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(kind, ex.Kind);
        Assert.Equal(retryable, ex.IsRetryable);
        Assert.Equal(authBroken, ex.IsAuthBroken);
        Assert.Equal(needsImport, ex.NeedsWorkoutImportPermission);
        Assert.Equal(badRequest, ex.IsBadRequest);
        Assert.Equal("Garmin says no", ex.GarminMessage);
        Assert.Equal("/training-api/workout/v2/1", ex.RequestPath);
    }

    [Fact]
    public async Task SendAsync_RetryAfterSeconds_IsExposed()
    {
        var (client, handler, _) = GarminTestSetup.Create();
        handler.Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("quota") };
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(30));
            return response;
        });

        var ex = await Assert.ThrowsAsync<GarminApiException>(() => client.Users.GetUserIdAsync(Bearer));

        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        Assert.Equal("quota", ex.GarminMessage);
    }

    [Fact]
    public async Task SendAsync_RetryAfterDate_IsRelativeToClock()
    {
        var (client, handler, time) = GarminTestSetup.Create();
        handler.Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(time.GetUtcNow().AddMinutes(2));
            return response;
        });

        var ex = await Assert.ThrowsAsync<GarminApiException>(() => client.Users.GetUserIdAsync(Bearer));

        Assert.Equal(TimeSpan.FromMinutes(2), ex.RetryAfter);
        Assert.Null(ex.GarminMessage);
    }

    [Fact]
    public async Task SendAsync_ConnectionFailure_IsRetryableTransportError()
    {
        var (client, handler, _) = GarminTestSetup.Create();
        handler.Respond(_ => throw new HttpRequestException("connection refused"));

        var ex = await Assert.ThrowsAsync<GarminApiException>(() => client.Users.GetUserIdAsync(Bearer));

        Assert.Null(ex.StatusCode);
        Assert.Equal(GarminErrorKind.Transport, ex.Kind);
        Assert.True(ex.IsRetryable);
    }

    [Fact]
    public async Task DownloadCallbackAsync_AllowedUrl_FetchesExactlyAsReceived()
    {
        var (client, handler, _) = GarminTestSetup.Create();
        handler.Respond(HttpStatusCode.OK, "FITDATA", "application/octet-stream");
        const string url = "https://apis.garmin.com/wellness-api/rest/activityFile?id=123&token=CPT%2Babc~x";
        using var destination = new MemoryStream();

        var bytes = await client.Callbacks.DownloadCallbackAsync(url, destination);

        Assert.Equal(7, bytes);
        Assert.Equal("FITDATA", System.Text.Encoding.UTF8.GetString(destination.ToArray()));
        Assert.Equal(url, handler.Requests.Single().Uri.AbsoluteUri);
        Assert.Null(handler.Requests.Single().Authorization);
    }

    [Theory]
    [InlineData("https://evil.example/wellness-api/rest/activityFile?id=1")]
    [InlineData("https://apis.garmin.com@evil.example/wellness-api/rest/activityFile?id=1")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    public async Task DownloadCallbackAsync_HostileUrl_RefusesWithoutSending(string url)
    {
        var (client, handler, _) = GarminTestSetup.Create();

        await Assert.ThrowsAsync<GarminPayloadException>(() => client.Callbacks.DownloadCallbackAsync(url, Stream.Null));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task DownloadCallbackAsync_BodyOverCap_Throws()
    {
        var (client, handler, _) = GarminTestSetup.Create(GarminTestSetup.Options() with { MaxCallbackDownloadBytes = 10 });
        handler.Respond(HttpStatusCode.OK, new string('x', 11), "application/octet-stream");

        await Assert.ThrowsAsync<GarminPayloadException>(() =>
            client.Callbacks.DownloadCallbackAsync("https://apis.garmin.com/wellness-api/rest/activityFile?id=1", Stream.Null));
    }

    [Fact]
    public async Task DownloadCallbackAsync_SecondDownload_ThrowsGone()
    {
        var (client, handler, _) = GarminTestSetup.Create();
        handler.Respond(HttpStatusCode.Gone, """{"errorMessage":"already downloaded"}""");

        var ex = await Assert.ThrowsAsync<GarminApiException>(() =>
            client.Callbacks.DownloadCallbackAsync("http://localhost:5080/sandbox/garmin/wellness-api/rest/activityFile?id=1", Stream.Null));

        Assert.True(ex.IsGone);
        Assert.Equal("http://localhost:5080/sandbox/garmin/wellness-api/rest/activityFile?id=1", handler.Requests.Single().Uri.AbsoluteUri);
    }

    [Fact]
    public async Task DownloadCallbackAsync_OAuth1Ping_SignsQueryParameters()
    {
        var (client, handler, time) = GarminTestSetup.Create();
        handler.Respond(HttpStatusCode.OK, """{"activities":[]}""");
        const string url = "https://apis.garmin.com/wellness-api/rest/activities?uploadStartTimeInSeconds=1767225600&uploadEndTimeInSeconds=1767229200";

        await client.Callbacks.DownloadCallbackAsync(url, Stream.Null, OAuth1);

        var request = handler.Requests.Single();
        Assert.True(new OAuth1Verifier(time).Verify("GET", new Uri(url), null, request.Authorization, "consumer-secret", "uat-secret").IsValid);
        Assert.False(new OAuth1Verifier(time).Verify("GET", new Uri(url.Replace("1767229200", "1767229201", StringComparison.Ordinal)), null,
            request.Authorization, "consumer-secret", "uat-secret").IsValid);
    }

    [Fact]
    public void Credentials_ToString_DoesNotLeakSecrets()
    {
        var text = OAuth1 + " " + GarminCredentials.Bearer("secret-access") + " " + (GarminTestSetup.Options() with { ClientSecret = "cs-123" });

        Assert.DoesNotContain("uat-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-access", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cs-123", text, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonContext_TokenResponse_ReadsSnakeCase()
    {
        var response = JsonSerializer.Deserialize("""{"access_token":"a","refresh_token_expires_in":"7775998"}""", GarminJsonContext.Default.GarminTokenResponse);

        Assert.Equal("a", response!.AccessToken);
        Assert.Equal(7775998, response.RefreshTokenExpiresIn);
    }
}
