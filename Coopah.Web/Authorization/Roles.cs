namespace Coopah.Web.Authorization;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Coach = "Coach";
    public const string Runner = "Runner";

    public static IReadOnlyList<string> All { get; } = [Admin, Coach, Runner];
}
