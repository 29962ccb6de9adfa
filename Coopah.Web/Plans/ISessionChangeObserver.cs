namespace Coopah.Web.Plans;

/// <summary>
/// Told after a commit changed a linked runner's sessions (their outbox intents are already written), so whoever
/// delivers them (the Garmin sync) can start now instead of at its next sweep. Plans owns the contract so it does
/// not depend on the sync that depends on it.
/// </summary>
public interface ISessionChangeObserver
{
    void SessionsChanged(string runnerId);
}
