using Coopah.Web.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Jobs;

public sealed class HangfireIsolationTests
{
    [Fact]
    public void Services_TwoHostsInOneProcess_EachHasItsOwnJobStorage()
    {
        using var first = new CoopahWebApplicationFactory();
        using var second = new CoopahWebApplicationFactory();

        var firstStorage = first.Services.GetRequiredService<JobStorage>();
        var secondStorage = second.Services.GetRequiredService<JobStorage>();
        var id = first.Services.GetRequiredService<IBackgroundJobClient>().Schedule(() => Console.WriteLine("isolated"), TimeSpan.FromHours(1));

        Assert.NotSame(firstStorage, secondStorage);
        Assert.NotNull(firstStorage.GetConnection().GetJobData(id));
        Assert.Null(secondStorage.GetConnection().GetJobData(id));
    }
}
