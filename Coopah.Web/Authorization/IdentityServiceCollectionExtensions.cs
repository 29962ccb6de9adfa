using Coopah.Web.Components.Account;
using Coopah.Web.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Coopah.Web.Authorization;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>ASP.NET Core Identity (cookies, roles) and the Coopah authorization policies.</summary>
    public static WebApplicationBuilder AddCoopahIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                // No e-mail delivery yet, so accounts are usable as soon as they are registered.
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                // Five wrong passwords lock the account for five minutes: enough to stop guessing, short enough
                // that someone locking a colleague out on purpose achieves little.
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CoopahDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        // Every request re-checks the cookie's security stamp (one indexed user lookup), so a role change, which
        // renews the stamp, takes effect on the next request instead of up to 30 minutes (and a restart) later.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);

        services.AddOptions<LoginThrottleOptions>()
            .BindConfiguration(LoginThrottleOptions.SectionName)
            .Validate(o => o.FailuresPerWindow > 0 && o.Window > TimeSpan.Zero, "LoginThrottle:FailuresPerWindow and LoginThrottle:Window must be positive.")
            .ValidateOnStart();
        services.AddSingleton<LoginThrottle>();
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, LoginThrottle.RateLimiterPolicy>(LoginThrottle.Policy));

        services.AddSingleton<IEmailSender<ApplicationUser>, IdentityNoOpEmailSender>();
        services.AddAuthorization(Policies.Configure);
        return builder;
    }
}
