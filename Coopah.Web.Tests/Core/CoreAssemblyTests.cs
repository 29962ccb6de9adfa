namespace Coopah.Web.Tests.Core;

public sealed class CliTests
{
    [Fact]
    public void Run_UnknownCommand_ReturnsUsageError()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = Coopah.Cli.CliApp.Run(["nope"], stdout, stderr);

        Assert.Equal(2, code);
        Assert.Contains("unknown command", stderr.ToString(), StringComparison.Ordinal);
    }
}
