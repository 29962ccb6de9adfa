namespace Coopah.Web.Tests.Infrastructure;

public static class DemoLogins
{
    public const string Admin = "admin@coopah.local";
    public const string AdminPassword = "Admin!2026demo";
    public const string CoachAnna = "coach.anna@coopah.local";
    public const string CoachBen = "coach.ben@coopah.local";
    public const string CoachPassword = "Coach!2026demo";
    public const string RunnerCara = "cara@coopah.local";
    public const string RunnerEve = "eve@coopah.local";
    public const string RunnerFinn = "finn@coopah.local";
    public const string RunnerPassword = "Runner!2026demo";
}
