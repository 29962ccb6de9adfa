using Coopah.Web.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Coopah.Web.Sandbox.Pages;

public sealed partial class SandboxPage
{
    private static readonly string[] Operations =
    [
        SandboxOperations.RequestToken, SandboxOperations.AccessToken, SandboxOperations.Token, SandboxOperations.UserId,
        SandboxOperations.Permissions, SandboxOperations.Registration, SandboxOperations.Training,
    ];

    private readonly Dictionary<string, HashSet<string>> _edits = new(StringComparer.Ordinal);
    private SandboxAccounts? _accounts;
    private SandboxTrainingStore? _training;
    private SandboxFaults? _faults;
    private SandboxPushSender? _sender;
    private IReadOnlyList<SandboxUser> _users = [];
    private IReadOnlyList<SandboxPushDelivery> _pushes = [];
    private Uri? _baseUrl;
    private string _faultOperation = SandboxOperations.Token;
    private int _faultStatus = 503;

    [Inject] private IServiceProvider Services { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    [Inject] private IDbContextFactory<CoopahDbContext> DbFactory { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    // The sandbox's services exist only when it is enabled; the page then says so instead of failing.
    protected override void OnInitialized()
    {
        _accounts = Services.GetService<SandboxAccounts>();
        _training = Services.GetService<SandboxTrainingStore>();
        _faults = Services.GetService<SandboxFaults>();
        _sender = Services.GetService<SandboxPushSender>();
        _baseUrl = Services.GetService<SandboxAddress>()?.BaseUrl;
        Reload();
    }

    /// <summary>Runs today's scheduled workout (or a free run) for the Coopah runner linked to this Garmin account.</summary>
    private async Task SimulateRunAsync(SandboxUser user)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        var runnerId = await db.GarminLinks
            .Where(l => l.GarminUserId == user.GarminUserId && l.Status == GarminLinkStatus.Active)
            .Select(l => l.UserId)
            .FirstOrDefaultAsync();
        if (runnerId is null)
        {
            Snackbar.Add($"{user.Login} is not linked to a Coopah runner.", Severity.Warning);
            return;
        }

        var result = await Services.GetRequiredService<SandboxRunSimulator>().SimulateAsync(runnerId);
        Snackbar.Add(result.Message, result.Succeeded ? Severity.Success : Severity.Error);
        Reload();
    }

    private void Reload()
    {
        if (_accounts is null)
        {
            return;
        }

        _users = _accounts.Users;
        _pushes = _sender?.RecentDeliveries ?? [];
        foreach (var user in _users)
        {
            _edits[user.GarminUserId] = new HashSet<string>(user.Permissions, StringComparer.Ordinal);
        }
    }

    private void Toggle(string garminUserId, string permission, bool on)
    {
        if (on)
        {
            _edits[garminUserId].Add(permission);
        }
        else
        {
            _edits[garminUserId].Remove(permission);
        }
    }

    /// <summary>Like a user changing data sharing in Garmin Connect: store the new set, then notify us.</summary>
    private void SavePermissions(SandboxUser user)
    {
        var permissions = _edits[user.GarminUserId].Order(StringComparer.Ordinal).ToList();
        if (!_accounts!.SetPermissions(user.GarminUserId, permissions))
        {
            Snackbar.Add("Nothing changed.", Severity.Info);
            return;
        }

        _sender!.Enqueue(SandboxNotifications.UserPermissionsChangeType,
            SandboxNotifications.UserPermissionsChange(user.GarminUserId, permissions, Time.GetUtcNow()));
        Snackbar.Add($"Permissions of {user.Login} saved; userPermissionsChange sent.", Severity.Success);
        Reload();
    }

    private void InjectFault()
    {
        _faults!.FailNext(_faultOperation, _faultStatus);
        Snackbar.Add($"The next {_faultOperation} call answers {_faultStatus}.", Severity.Warning);
    }
}
