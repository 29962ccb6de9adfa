namespace Coopah.Cli;

/// <summary>Command dispatch for the <c>coopah</c> tool; kept testable by writing to injected writers.</summary>
public static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            stdout.WriteLine("usage: coopah <command> ...");
            return args.Length == 0 ? 2 : 0;
        }

        stderr.WriteLine($"coopah: unknown command '{args[0]}'");
        return 2;
    }
}
