return Coopah.Cli.CliApp.Run(args, Console.Out, Console.Error);
