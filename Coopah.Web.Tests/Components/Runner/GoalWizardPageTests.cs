using System.Security.Claims;
using Bunit;
using Coopah.Web.Components.Pages.Runner;
using Coopah.Web.Data;
using Coopah.Web.Plans;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Components.Runner;

/// <summary>The goal wizard answers right under "Review the changes" and marks the field that is wrong.</summary>
public sealed class GoalWizardPageTests(CoopahWebApplicationFactory factory) : IClassFixture<CoopahWebApplicationFactory>, IAsyncLifetime
{
    private readonly MudBunitContext _context = new();

    public async Task InitializeAsync()
    {
        _context.Services.AddSingleton(factory.Services.GetRequiredService<RunnerCalendar>());
        _context.Services.AddSingleton(factory.Services.GetRequiredService<PlanLibrary>());
        _context.AddAuthorization().SetAuthorized("runner").SetClaims(new Claim(ClaimTypes.NameIdentifier, await NewRunnerAsync()));
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task Preview_UnreadableTime_ShowsErrorUnderTheButtonAndMarksTheTimeField()
    {
        var cut = await RenderAsync();
        cut.Find("input[data-testid='pace-time']").Input("soon");

        await cut.Find("button[data-testid='goal-preview']").ClickAsync(new());

        Assert.Contains("h:mm:ss", cut.Find("[data-testid='goal-actions'] [data-testid='goal-error']").TextContent, StringComparison.Ordinal);
        Assert.True(IsMarked(cut, "pace-time"));
        Assert.False(IsMarked(cut, "goal-date"));
    }

    [Fact]
    public async Task Preview_GoalDateYearsAway_ShowsTheLatestDateAndMarksTheDateField()
    {
        var cut = await RenderAsync();
        cut.Find("input[data-testid='goal-date']").Change("2031-06-01");

        await cut.Find("button[data-testid='goal-preview']").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.Contains("on or before", cut.Find("[data-testid='goal-actions'] [data-testid='goal-error']").TextContent, StringComparison.Ordinal));
        Assert.True(IsMarked(cut, "goal-date"));
        Assert.False(IsMarked(cut, "pace-time"));
    }

    [Fact]
    public async Task Preview_ValidGoal_ShowsConfirmUnderTheButton()
    {
        var cut = await RenderAsync();

        await cut.Find("button[data-testid='goal-preview']").ClickAsync(new());

        await cut.WaitForElementAsync("[data-testid='goal-actions'] [data-testid='goal-confirmation']");
        Assert.Empty(cut.FindAll("[data-testid='goal-error']"));
    }

    private async Task<IRenderedComponent<GoalWizardPage>> RenderAsync()
    {
        var cut = _context.Render<GoalWizardPage>();
        await Task.Yield();
        await cut.WaitForElementAsync("button[data-testid='goal-preview']");
        return cut;
    }

    /// <summary>MudBlazor marks an invalid field's wrapper with mud-input-error.</summary>
    private static bool IsMarked(IRenderedComponent<GoalWizardPage> cut, string testId) =>
        cut.Find($"input[data-testid='{testId}']").Closest(".mud-input-control")!.QuerySelector(".mud-input-error") is not null;

    private async Task<string> NewRunnerAsync()
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"wizard-{Guid.NewGuid():N}@example.com";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, "Runner!2026wiz")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, "Runner")).Succeeded);
        return user.Id;
    }
}
