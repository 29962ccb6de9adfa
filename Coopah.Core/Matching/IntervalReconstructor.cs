using Coopah.Core.Fit;
using Coopah.Core.Garmin.Push;

namespace Coopah.Core.Matching;

/// <summary>Rebuilds the executed intervals of a run from the best source it has (see <see cref="IntervalSource"/>).</summary>
public static class IntervalReconstructor
{
    /// <param name="plan">The executed steps of the matched session (empty for an unplanned run).</param>
    /// <param name="details">The activityDetails item (samples and lap starts), when it has arrived.</param>
    /// <param name="fit">The decoded FIT activity file, when it has arrived.</param>
    public static IntervalReconstruction Reconstruct(IReadOnlyList<PlannedInterval> plan, GarminActivityDetail? details, FitActivity? fit)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _ = details;
        _ = fit;
        return IntervalReconstruction.Empty;
    }
}
