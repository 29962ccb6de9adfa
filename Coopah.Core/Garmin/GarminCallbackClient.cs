using System.Globalization;

namespace Coopah.Core.Garmin;

/// <summary>
/// Downloads the URLs Garmin's pings point at (activity files and summaries). The URLs arrive in unsigned
/// pushes, so each one passes <see cref="CallbackUrlPolicy"/> before any request and the body is size-capped.
/// </summary>
public sealed class GarminCallbackClient(GarminHttpTransport transport)
{
    private const int BufferSize = 81920;

    private readonly CallbackUrlPolicy _policy = CallbackUrlPolicy.FromOptions(transport.Options);

    /// <summary>
    /// Fetches a ping's callbackURL exactly as received into <paramref name="destination"/>, after
    /// <see cref="CallbackUrlPolicy"/> allowed it, with at most <see cref="GarminOptions.MaxCallbackDownloadBytes"/>.
    /// <paramref name="credentials"/> may be null (OAuth2 callbacks carry their own token). Returns the byte count.
    /// A second download of an activity file fails with <see cref="GarminApiException.IsGone"/>.
    /// </summary>
    /// <exception cref="GarminPayloadException">The URL is not allowed (SSRF defence) or the body is too large.</exception>
    public async Task<long> DownloadCallbackAsync(string callbackUrl, Stream destination, GarminCredentials? credentials = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var decision = _policy.Evaluate(callbackUrl);
        if (!decision.IsAllowed)
        {
            throw new GarminPayloadException("Refused callback URL: " + decision.Reason);
        }

        using var request = transport.CreateRequest(HttpMethod.Get, decision.Url!, credentials);
        using var response = await transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var max = transport.Options.MaxCallbackDownloadBytes;
        if (response.Content.Headers.ContentLength is { } length && length > max)
        {
            throw new GarminPayloadException(string.Create(CultureInfo.InvariantCulture, $"The callback body ({length} bytes) exceeds {max} bytes."));
        }

        // Counted while streaming too: a missing or lying Content-Length must not let a huge body through.
        await using var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[BufferSize];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > max)
            {
                throw new GarminPayloadException(string.Create(CultureInfo.InvariantCulture, $"The callback body exceeds {max} bytes."));
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        return total;
    }
}
