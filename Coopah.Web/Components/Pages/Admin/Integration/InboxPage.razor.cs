using System.Text;
using System.Text.Json;
using Coopah.Web.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Coopah.Web.Components.Pages.Admin.Integration;

public sealed partial class InboxPage
{
    private const int PayloadPreviewBytes = 20_000;

    private string _filter = "Poison";
    private List<GarminInboxMessage> _rows = [];
    private List<GarminParkedItem> _items = [];
    private string? _payload;
    private long _payloadId;
    private int _payloadLength;
    private bool _payloadTruncated;

    /// <summary>Which list opens: Poison (default), Items, Pending or All; a link can point at the parked items.</summary>
    [SupplyParameterFromQuery(Name = "show")]
    public string? Show { get; set; }

    protected override Task OnInitializedAsync()
    {
        _filter = Show is "Items" or "Pending" or "All" ? Show : "Poison";
        return LoadAsync();
    }

    private async Task FilterChangedAsync(string filter)
    {
        _filter = filter ?? "Poison";
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        if (_filter == "Items")
        {
            _items = await db.GarminParkedItems.AsNoTracking().OrderByDescending(p => p.Id).Take(100).ToListAsync();
            return;
        }

        var query = db.GarminInbox.AsNoTracking();
        query = _filter switch
        {
            "Poison" => query.Where(m => m.Status == InboxStatus.Poison),
            "Pending" => query.Where(m => m.Status == InboxStatus.Pending),
            _ => query,
        };
        // Bodies can be 100 MB: list without them.
        _rows = await query.OrderByDescending(m => m.Id).Take(100)
            .Select(m => new GarminInboxMessage
            {
                Id = m.Id, Type = m.Type, Body = Array.Empty<byte>(), ReceivedAtUtc = m.ReceivedAtUtc, Status = m.Status,
                Attempts = m.Attempts, LastError = m.LastError, Warnings = m.Warnings, IsPing = m.IsPing, BodyLength = m.BodyLength,
            })
            .ToListAsync();
    }

    private async Task ShowAsync(long id)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        var row = await db.GarminInbox.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.Body, m.BodyLength }).SingleAsync();
        _payloadId = id;
        _payloadLength = row.BodyLength;
        _payloadTruncated = row.Body.Length > PayloadPreviewBytes;
        var text = Encoding.UTF8.GetString(row.Body, 0, Math.Min(row.Body.Length, PayloadPreviewBytes));
        _payload = _payloadTruncated ? text : TryIndent(text);
    }

    private async Task ReprocessAsync(long id)
    {
        if (await Health.ReprocessAsync(id))
        {
            Snackbar.Add($"Row {id} queued for processing.", Severity.Success);
        }
        else
        {
            Snackbar.Add($"Row {id} is already pending.", Severity.Warning);
        }

        await LoadAsync();
    }

    private static string TryIndent(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, new JsonSerializerOptions { WriteIndented = true });
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
