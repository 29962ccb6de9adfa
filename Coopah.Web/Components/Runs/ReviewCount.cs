using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Coopah.Web.Components.Runs;

/// <summary>The navigation's unreviewed-runs badge for this circuit; pages that review runs refresh it.</summary>
/// <param name="count">Counts the unreviewed runs a viewer coaches (ReviewDesk.UnreviewedCountAsync in the app).</param>
/// <param name="authentication">The circuit's signed-in user.</param>
public sealed class ReviewCount(Func<ClaimsPrincipal, CancellationToken, Task<int>> count, AuthenticationStateProvider authentication)
{
    public int? Value { get; private set; }

    public event Action? Changed;

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        Value = await count(user, cancellationToken);
        Changed?.Invoke();
    }
}
