using Coopah.Core.Garmin;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coopah.Web.Tests.Core.Garmin;

public sealed class GarminServiceCollectionExtensionsTests
{
    [Fact]
    public void AddCoopahGarmin_ConfiguredOptions_ResolvesEveryApiAreaAndHelpers()
    {
        var services = new ServiceCollection();
        services.Configure<GarminOptions>(_ => { });
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(GarminTestSetup.Options()));
        services.AddCoopahGarmin();
        using var provider = services.BuildServiceProvider();

        var transport = provider.GetRequiredService<GarminHttpTransport>();

        Assert.Equal("client-id", transport.Options.ClientId);
        Assert.NotNull(provider.GetRequiredService<GarminOAuthClient>());
        Assert.NotNull(provider.GetRequiredService<GarminUserClient>());
        Assert.NotNull(provider.GetRequiredService<GarminTrainingClient>());
        Assert.NotNull(provider.GetRequiredService<GarminCallbackClient>());
        Assert.NotNull(provider.GetRequiredService<GarminTokenRefresher>());
        Assert.Equal(2, provider.GetRequiredService<CallbackUrlPolicy>().AllowedPrefixes.Count);
    }

    [Fact]
    public void AddCoopahGarmin_MissingCredentials_FailsValidation()
    {
        var services = new ServiceCollection();
        services.AddCoopahGarmin();
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GarminOptions>>().Value);
    }

    [Theory]
    [InlineData(GarminAuthMode.OAuth1, "", "", "k", "s", 0)]
    [InlineData(GarminAuthMode.OAuth1, "id", "secret", "", "", 1)]
    [InlineData(GarminAuthMode.OAuth2, "id", "secret", "", "", 0)]
    [InlineData(GarminAuthMode.OAuth2, "", "", "k", "s", 1)]
    public void Validate_Mode_RequiresThatModesCredentials(GarminAuthMode mode, string clientId, string clientSecret, string key, string secret, int errors)
    {
        var options = new GarminOptions { Mode = mode, ClientId = clientId, ClientSecret = clientSecret, ConsumerKey = key, ConsumerSecret = secret };

        Assert.Equal(errors, options.Validate().Count);
    }

    [Theory]
    [InlineData("https://apis.garmin.com", "wellness-api/rest/user/id", "https://apis.garmin.com/wellness-api/rest/user/id")]
    [InlineData("http://localhost:5080/sandbox/garmin", "/training-api/schedule/", "http://localhost:5080/sandbox/garmin/training-api/schedule/")]
    [InlineData("http://localhost:5080/sandbox/garmin/", "oauth2Confirm", "http://localhost:5080/sandbox/garmin/oauth2Confirm")]
    public void Combine_BaseWithOrWithoutSlash_AppendsPath(string baseUrl, string path, string expected)
    {
        Assert.Equal(expected, GarminOptions.Combine(new Uri(baseUrl), path).AbsoluteUri);
    }

    [Fact]
    public void Bind_ConfigurationSection_ReadsModeUrlsAndSecrets()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Garmin:Mode"] = "OAuth1",
            ["Garmin:ApisBaseUrl"] = "http://localhost:5080/sandbox/garmin/",
            ["Garmin:ConsumerKey"] = "k",
            ["Garmin:ConsumerSecret"] = "s",
            ["Garmin:UserApiPath"] = "partner-gateway/rest/user/",
        }).Build();

        var options = configuration.GetSection(GarminOptions.SectionName).Get<GarminOptions>()!;

        Assert.Equal(GarminAuthMode.OAuth1, options.Mode);
        Assert.Equal("http://localhost:5080/sandbox/garmin/", options.ApisBaseUrl.AbsoluteUri);
        Assert.Equal("https://diauth.garmin.com/", options.DiauthBaseUrl.AbsoluteUri);
        Assert.Equal("partner-gateway/rest/user/", options.UserApiPath);
        Assert.Empty(options.Validate());
    }
}
