using Coopah.Core.Garmin.Training;
using Coopah.Core.Plans;
using Coopah.Web.Data;

namespace Coopah.Web.Plans;

/// <summary>A session as a FIT workout file: the same mapping (and resolved paces) as the Garmin push.</summary>
public sealed class SessionFitExport(RunnerCalendar calendar)
{
    /// <summary>The file and a download name, or null when the session is not the runner's (or does not exist).</summary>
    /// <exception cref="GarminWorkoutMappingException">The session cannot be a workout (e.g. over 100 steps).</exception>
    public async Task<(byte[] Content, string FileName)?> ExportAsync(string runnerId, int sessionId, CancellationToken cancellationToken = default)
    {
        var session = await calendar.GetSessionAsync(runnerId, sessionId, cancellationToken);
        if (session is null)
        {
            return null;
        }

        var goal = await calendar.GetGoalAsync(runnerId, cancellationToken);
        var planned = SessionWorkoutMapper.ToPlanned(SessionWorkoutMapper.SessionCode(session.Id), session.Name, null, session.Steps, Paces(goal));
        return (PlannedWorkoutFit.Encode(planned), SessionWorkoutMapper.SessionCode(session.Id) + ".fit");
    }

    public static PersonalPaces? Paces(RunnerGoal? goal)
    {
        if (goal is null)
        {
            return null;
        }

        try
        {
            return PersonalPaces.FromRace(goal.PaceDistanceMetres, goal.PaceTimeSeconds);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
